#!/usr/bin/env python3
"""One-off: hand labels for the 45 TravelPlanner training queries, with cross-checks.

Reads  ../shared/data/travelplanner/finetuning_data/std_travelplanner.jsonl (45 chat triples) and writes
  testdata/travel/train_queries.jsonl   TravelPlanner query records (HF/eval.py field names)
  testdata/travel/train_plans.jsonl     submission lines {"idx","query","plan"} with the annotated plans

The labels are the HAND table below, decided by reading every query text. The script only
  * derives what is mechanical (days/level from the line's cell, the date list from the start day),
  * drafts labels from the English with regexes and prints every field where draft and hand label differ,
  * cross-checks the hand labels against the reference information (flight dates, cities), the annotated
    plan (org, visited cities and their states) and the 9 structured example files (must match exactly),
  * prints the room type / house rules / max occupancy of the chosen accommodations, for review.
Run from /work/main:  python3 scripts/travel/label_train.py [--check-only]
"""
import ast
import csv
import datetime as dt
import json
import os
import re
import sys

DATA = '../shared/data/travelplanner'
OUT = 'testdata/travel'
CUISINES = ['Tea', 'BBQ', 'Seafood', 'Cafe', 'Desserts', 'Pizza', 'Fast Food', 'Bakery', 'Mediterranean', 'French',
            'Mexican', 'Chinese', 'Indian', 'Italian', 'American']
C = lambda *xs: list(xs)  # noqa: E731  cuisine list, in the order the query names them

# idx: (org, dest, start day in March 2022, people, budget, house rule, cuisine, room type, transportation)
HAND = {
    1: ('St. Petersburg', 'Rockford', 16, 1, 1700, None, None, None, None),
    2: ('Kansas City', 'Pensacola', 27, 1, 900, None, None, None, None),
    3: ('Las Vegas', 'Stockton', 3, 1, 1400, None, None, None, None),
    4: ('New Orleans', 'Louisville', 12, 1, 1900, None, None, None, None),
    5: ('Las Vegas', 'Denver', 12, 1, 1600, None, None, None, None),
    6: ('Orlando', 'Texas', 10, 1, 3100, None, None, None, None),
    7: ('Santa Ana', 'Montana', 6, 1, 3600, None, None, None, None),
    8: ('Baton Rouge', 'Texas', 1, 1, 2300, None, None, None, None),
    9: ('Memphis', 'Pennsylvania', 22, 1, 1400, None, None, None, None),
    10: ('Greer', 'Pennsylvania', 5, 1, 3400, None, None, None, None),
    11: ('Houston', 'Utah', 23, 1, 7700, None, None, None, None),
    12: ('Oklahoma City', 'Colorado', 1, 1, 3000, None, None, None, None),
    13: ('Gulfport', 'Texas', 24, 1, 4200, None, None, None, None),
    14: ('Daytona Beach', 'Texas', 18, 1, 3600, None, None, None, None),
    15: ('Punta Gorda', 'Wisconsin', 16, 1, 5700, None, None, None, None),
    16: ('Fort Lauderdale', 'Norfolk', 16, 2, 2300, None, C('American', 'French'), None, None),
    17: ('Sacramento', 'Atlanta', 14, 2, 4700, 'parties', None, None, None),
    18: ('Asheville', 'Baltimore', 20, 8, 6500, 'children under 10', None, None, None),
    19: ('Washington', 'Orlando', 15, 2, 2000, None, None, 'private room', None),
    20: ('Fort Lauderdale', 'Milwaukee', 8, 2, 1100, None, C('American', 'Chinese'), None, None),
    21: ('Nashville', 'Pennsylvania', 12, 6, 15100, None, None, 'entire room', None),
    22: ('New York', 'Louisiana', 15, 4, 12300, 'smoking', None, None, None),
    23: ('San Jose', 'Idaho', 1, 7, 13900, None, C('Indian', 'French'), None, None),
    24: ('Asheville', 'New York', 13, 2, 4700, None, C('Mexican', 'Chinese'), None, None),
    25: ('Memphis', 'Minnesota', 1, 4, 13800, None, None, 'private room', None),
    26: ('Santa Ana', 'Texas', 25, 4, 5800, 'children under 10', None, None, None),
    27: ('Sault Ste. Marie', 'Michigan', 15, 5, 12700, None, None, 'entire room', None),
    28: ('St. Louis', 'California', 17, 2, 9500, None, C('American', 'Chinese'), None, None),
    29: ('Louisville', 'Michigan', 8, 4, 19400, None, None, 'private room', None),
    30: ('Oakland', 'Oregon', 12, 2, 4500, None, C('Italian', 'Mediterranean'), None, None),
    31: ('Houston', 'Fayetteville', 20, 2, 1500, 'children under 10',
         C('American', 'Mediterranean', 'French', 'Chinese'), None, 'no self-driving'),
    32: ('Bangor', 'Washington', 21, 3, 3100, 'pets', None, 'entire room', 'no self-driving'),
    33: ('Grand Forks', 'Minneapolis', 17, 2, 1300, 'parties', None, 'entire room', 'no flight'),
    34: ('Provo', 'Phoenix', 24, 2, 1400, 'pets', C('Indian', 'American', 'French', 'Italian'), 'private room', None),
    35: ('Atlanta', 'Chattanooga', 7, 5, 3600, None, C('French', 'Mediterranean', 'Indian', 'Chinese'), 'entire room',
         'no self-driving'),
    36: ('Atlanta', 'Minnesota', 3, 3, 7900, 'parties', None, 'entire room', 'no self-driving'),
    37: ('Richmond', 'Florida', 9, 7, 8500, 'visitors', C('French', 'American', 'Mediterranean', 'Italian'),
         'entire room', None),
    38: ('Sacramento', 'Washington', 22, 3, 3600, None, C('American', 'Mediterranean', 'Italian', 'French'),
         'entire room', 'no flight'),
    39: ('Evansville', 'Texas', 17, 2, 2800, 'children under 10', None, 'private room', 'no flight'),
    40: ('Denver', 'Texas', 8, 5, 7100, 'smoking', C('American', 'French', 'Mediterranean', 'Italian'), None,
         'no flight'),
    41: ('Indianapolis', 'Colorado', 11, 5, 15100, 'pets', C('Mexican', 'Italian', 'Mediterranean', 'Indian'),
         'entire room', None),
    42: ('Seattle', 'Texas', 10, 4, 11000, 'parties', None, 'entire room', 'no self-driving'),
    43: ('Greensboro', 'New York', 20, 2, 3800, None, C('Chinese', 'French', 'American', 'Indian'), 'entire room',
         'no flight'),
    44: ('Moline', 'Texas', 19, 2, 5500, None, C('American', 'Chinese', 'Mexican', 'French'), 'entire room',
         'no flight'),
    45: ('Minneapolis', 'Ohio', 17, 2, 5100, 'pets', C('American', 'Mediterranean', 'Chinese', 'Italian'), None,
         'no flight'),
}
LEVELS = ['easy', 'medium', 'hard']
DAYS = [3, 5, 7]
KEYS = ['house rule', 'cuisine', 'room type', 'transportation']
MONTHS = {m: i for i, m in enumerate(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
                                      'september', 'october', 'november', 'december'], 1)}


def cell(idx):
    k = (idx - 1) // 5
    return LEVELS[k // 3], DAYS[k % 3]


# ------------------------------------------------------------------------------------------------ regex draft

NUMWORDS = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'pair': 2}


def draft(q):
    """Labels guessed from the English text alone (never trusted; only compared with HAND)."""
    t = q.lower()
    d = {}
    m = re.search(r'\$([\d,]+)', q)
    d['budget'] = int(m.group(1).replace(',', '')) if m else None
    people = None
    if re.search(r'\b(solo|alone|single|single-person|1 person|one person|for me)\b', t):
        people = 1
    m = re.search(r'(?:group of|party of|for|trip for|plan for)\s+(\d+|one|two|three|four|five|six|seven|eight)'
                  r'(?!\s*-?\s*days?\b)(?:\s+(?:people|individuals|persons))?', t)
    if m:
        people = int(m.group(1)) if m.group(1).isdigit() else NUMWORDS[m.group(1)]
    elif 'a pair' in t:
        people = 2
    d['people'] = people
    hr = None
    for key, pat in [('parties', r'part(y|ies)'), ('smoking', r'smok'), ('children under 10', r'children'),
                     ('visitors', r'visitors'), ('pets', r'\bpets?\b|pet-friendly')]:
        if re.search(pat, t) and not (key == 'parties' and re.search(r'party of \d', t)
                                      and not re.search(r'allow parties|parties are allowed|hosting parties', t)):
            hr = key
            break
    d['house rule'] = hr
    found = sorted((m.start(), c) for c in CUISINES
                   for m in [re.search(r'\b' + re.escape(c.lower()) + r'\b', t)] if m)
    d['cuisine'] = [c for _, c in found] or None
    rt = None
    if re.search(r'not shared|non-shared', t):
        rt = 'not shared room'
    elif re.search(r'entire (room|home|apart)', t):
        rt = 'entire room'
    elif re.search(r'private room', t):
        rt = 'private room'
    elif re.search(r'shared room', t):
        rt = 'shared room'
    d['room type'] = rt
    tr = None
    if re.search(r'self-driv|self driv|drive ourselves|self-drive', t):
        tr = 'no self-driving'
    if re.search(r'flight|flying', t):
        tr = 'no flight'
    d['transportation'] = tr
    return d


# ------------------------------------------------------------------------------------------------ data

def load_lines():
    out = []
    with open(os.path.join(DATA, 'finetuning_data/std_travelplanner.jsonl'), encoding='utf-8') as f:
        for line in f:
            msgs = json.loads(line)['messages']
            assert [m['role'] for m in msgs] == ['system', 'user', 'assistant']
            given, query = msgs[1]['content'].split('\nQuery:')
            assert given.startswith('Given Information:')
            ref = ast.literal_eval(given[len('Given Information:'):])
            plan = ast.literal_eval(msgs[2]['content'])
            out.append((query.strip(), ref, plan))
    return out


def city_states():
    with open(os.path.join(DATA, 'database/background/citySet_with_states.txt'), encoding='utf-8') as f:
        return dict(line.rstrip('\n').split('\t') for line in f if line.strip())


def accommodations():
    rows = {}
    with open(os.path.join(DATA, 'database/accommodations/clean_accommodations_2022.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            rows.setdefault((r['NAME'], r['city']), r)
    return rows


def strip_state(s):
    return re.sub(r'\(.*\)$', '', s).strip()


def record(idx, query):
    org, dest, start, people, budget, hr, cu, rt, tr = HAND[idx]
    level, days = cell(idx)
    d0 = dt.date(2022, 3, start)
    return {
        'org': org, 'dest': dest, 'days': days, 'visiting_city_number': {3: 1, 5: 2, 7: 3}[days],
        'date': [(d0 + dt.timedelta(days=k)).isoformat() for k in range(days)],
        'people_number': people,
        'local_constraint': {'house rule': hr, 'cuisine': cu, 'room type': rt, 'transportation': tr},
        'budget': budget, 'query': query, 'level': level, 'idx': idx,
    }


def check(idx, rec, ref, plan, states, acc):
    """Problems with a hand label, found against the reference info, the plan and the level rules."""
    probs, notes = [], []
    lc = rec['local_constraint']
    # level rules
    n = sum(v is not None for v in lc.values())
    if rec['level'] == 'easy' and (n or rec['people_number'] != 1):
        probs.append(f'easy but {n} constraints / {rec["people_number"]} people')
    if rec['level'] == 'medium' and (n != 1 or lc['transportation'] is not None):
        probs.append(f'medium needs exactly one of house/cuisine/room, has {lc}')
    if rec['level'] == 'hard' and n != 3:
        probs.append(f'hard needs 3 constraints, has {n}')
    if rec['level'] != 'easy' and rec['people_number'] < 2:
        probs.append('non-easy with 1 person')
    if lc['cuisine'] and any(c not in CUISINES for c in lc['cuisine']):
        probs.append(f'unknown cuisine {lc["cuisine"]}')
    # the date range must appear in the query text (month day)
    q = rec['query']
    for d in (rec['date'][0], rec['date'][-1]):
        day = int(d[-2:])
        if not re.search(r'\b%d(st|nd|rd|th)?\b' % day, q):
            probs.append(f'day {day} not in text')
    # reference info: flight descriptions' dates and endpoints
    fl = [re.match(r'Flight from (.+) to (.+) on (\d{4}-\d\d-\d\d)$', r['Description']) for r in ref
          if r['Description'].startswith('Flight from')]
    if fl[0].group(1) != rec['org'] or fl[-1].group(2) != rec['org']:
        probs.append(f'ref info org {fl[0].group(1)}/{fl[-1].group(2)}')
    if fl[0].group(3) != rec['date'][0] or fl[-1].group(3) != rec['date'][-1]:
        probs.append(f'ref info dates {fl[0].group(3)}..{fl[-1].group(3)}')
    ref_cities = [r['Description'][len('Accommodations in '):] for r in ref
                  if r['Description'].startswith('Accommodations in ')]
    # plan: org, visited cities, their states
    days = [d for d in plan[:rec['days']] if d]
    if len(days) != rec['days'] or any(plan[rec['days']:]):
        probs.append('plan length does not match days')
    m = re.match(r'from (.+?) to (.+)$', days[0]['current_city'])
    if not m or strip_state(m.group(1)) != rec['org']:
        probs.append(f'plan starts {days[0]["current_city"]}')
    cities = []
    for d in days:
        m = re.match(r'from (.+?) to (.+)$', d['current_city'])
        for c in (m.groups() if m else (d['current_city'],)):
            c = strip_state(c)
            if c != rec['org'] and c not in cities:
                cities.append(c)
    if len(cities) != rec['visiting_city_number']:
        probs.append(f'plan visits {cities}')
    if rec['days'] == 3 and cities != [rec['dest']]:
        probs.append(f'3-day plan visits {cities}, dest {rec["dest"]}')
    if rec['days'] > 3 and any(states.get(c) != rec['dest'] for c in cities):
        probs.append(f'plan cities {[(c, states.get(c)) for c in cities]} not all in {rec["dest"]}')
    if sorted(ref_cities) != sorted(cities):
        notes.append(f'ref-info cities {ref_cities} vs plan {cities}')
    if rec['days'] == 3 and rec['dest'] not in rec['query']:
        probs.append('3-day dest not in text')
    if rec['days'] > 3 and rec['dest'] not in rec['query']:
        probs.append('state not in text')
    if rec['org'] not in rec['query']:
        probs.append('org not in text')
    # chosen accommodations, for review of room type / house rule / people
    seen = []
    for d in days:
        a = d.get('accommodation', '-')
        if a == '-' or a in seen:
            continue
        seen.append(a)
        name, city = a.rsplit(',', 1)
        city = strip_state(city.strip())
        r = acc.get((name.strip(), city)) or acc.get((name, city))
        if r is None:
            notes.append(f'accommodation not found exactly: {a!r}')
            continue
        notes.append(f'stay {name.strip()[:40]!r}: {r["room type"]}, rules={r["house_rules"] or "-"}, '
                     f'max occ {r["maximum occupancy"]}, min nights {r["minimum nights"]}')
    return probs, notes


def example_check(idx, rec):
    path = os.path.join(DATA, f'examples/plan_{idx}.json')
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        ex = json.load(f)
    want = {
        'org': ex['org'], 'dest': ex['dest'], 'days': ex['days'],
        'visiting_city_number': ex.get('visiting_city_number', ex.get('visiting city number')),
        'date': ex['date'], 'people_number': ex.get('people_number', ex.get('people number')),
        'local_constraint': {k: ex[k] for k in KEYS}, 'budget': ex['budget'], 'query': ex['query'],
        'level': {'middle': 'medium'}.get(ex['level'], ex['level']), 'idx': idx,
    }
    diff = {k: (rec[k], want[k]) for k in want if rec[k] != want[k]}
    return diff, ex['annotated plan']


def main():
    check_only = '--check-only' in sys.argv
    lines = load_lines()
    assert len(lines) == 45 and sorted(HAND) == list(range(1, 46))
    states, acc = city_states(), accommodations()
    recs, plans, bad = [], [], 0
    for idx, (query, ref, plan) in enumerate(lines, 1):
        rec = record(idx, query)
        probs, notes = check(idx, rec, ref, plan, states, acc)
        dr = draft(query)
        hand = {'budget': rec['budget'], 'people': rec['people_number'], **rec['local_constraint']}
        diffs = {k: (dr[k], hand[k]) for k in dr if dr[k] != hand[k]}
        ex = example_check(idx, rec)
        print(f'#{idx} {rec["level"]} {rec["days"]}d P={rec["people_number"]} ${rec["budget"]} '
              f'{ {k: v for k, v in rec["local_constraint"].items() if v} }')
        if diffs:
            print(f'   draft != hand (draft, hand): {diffs}')
        if ex is not None:
            diff, ex_plan = ex
            print(f'   example plan_{idx}.json: ' + ('MATCH' if not diff else f'DIFF {diff}')
                  + ('' if ex_plan == plan else ' (annotated plan differs from the chat triple!)'))
            bad += bool(diff) or ex_plan != plan
        for p in probs:
            print('   PROBLEM:', p)
        for n in notes:
            print('   note:', n)
        bad += len(probs)
        recs.append(rec)
        plans.append({'idx': idx, 'query': query, 'plan': plan})
    print(f'{bad} problems')
    if check_only:
        return
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'train_queries.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    with open(os.path.join(OUT, 'train_plans.jsonl'), 'w', encoding='utf-8') as f:
        for p in plans:
            f.write(json.dumps(p, ensure_ascii=False) + '\n')
    print(f'wrote {OUT}/train_queries.jsonl and {OUT}/train_plans.jsonl')


if __name__ == '__main__':
    main()
