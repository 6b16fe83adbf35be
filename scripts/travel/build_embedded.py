#!/usr/bin/env python3
"""Rebuild domains/travel/data/ (the embedded default database) from
../shared/data/travelplanner/database: the real non-flight tables, gzip'd
byte-for-byte, and the real flight rows of train_ref_info.jsonl as a CSV in
TravelPlanner's flights layout. Deterministic (gzip mtime 0).

    python3 scripts/travel/build_embedded.py [SHARED_DB_DIR]
"""
import csv, gzip, io, json, os, sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '../../../shared/data/travelplanner/database')
out = os.path.join(os.path.dirname(__file__), '../../domains/travel/data')
tables = [
    'accommodations/clean_accommodations_2022.csv',
    'restaurants/clean_restaurant_2022.csv',
    'attractions/attractions.csv',
    'googleDistanceMatrix/distance.csv',
    'background/citySet_with_states.txt',
]

def gz(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        with gzip.GzipFile(filename='', mode='wb', fileobj=f, mtime=0, compresslevel=9) as g:
            g.write(data)

for t in tables:
    with open(os.path.join(src, t), 'rb') as f:
        gz(os.path.join(out, t + '.gz'), f.read())

cols = ['Flight Number', 'Price', 'DepTime', 'ArrTime', 'ActualElapsedTime', 'FlightDate', 'OriginCityName', 'DestCityName', 'Distance']
seen, rows = set(), []
with open(os.path.join(src, 'train_ref_info.jsonl')) as f:
    for line in f:
        for k, v in json.loads(line).items():
            if k.startswith('Flight from') and isinstance(v, list):
                for r in v:
                    row = tuple(r[c] for c in cols)
                    if row not in seen:
                        seen.add(row)
                        rows.append(row)
buf = io.StringIO()
w = csv.writer(buf, lineterminator='\n')
w.writerow(cols)
for r in rows:
    w.writerow(r)
gz(os.path.join(out, 'flights/clean_Flights_2022.csv.gz'), buf.getvalue().encode())
print(f'{len(rows)} real flight rows; tables written to {os.path.normpath(out)}')
