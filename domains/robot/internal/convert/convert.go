// Package convert turns the AutoTAMP scenario data (environments_derived.json
// and the planner's Example_results) into plankit environment and
// trajectory files. Its golden test regenerates testdata/robot with
//
//	go test ./domains/robot/internal/convert -update
//
// and otherwise checks that the committed files are exactly what the
// conversion produces.
package convert

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/geom"
)

// Source is the attribution written into every converted file.
const Source = "AutoTAMP, github.com/yongchao98/AutoTAMP @71e5000 (MIT, Copyright (c) 2024 Yongchao Chen), via environments_derived.json; converted by plankit domains/robot/internal/convert"

type derived struct {
	Environments map[string]struct {
		Regions []struct {
			Name  string    `json:"name"`
			Color string    `json:"color"`
			Kind  string    `json:"kind"`
			Box   []float64 `json:"box"`
		} `json:"regions"`
	} `json:"environments"`
}

// scenario says how one derived environment becomes a plankit file.
type scenario struct {
	file, key, name, description string
	horizon                      float64
	robots                       []robot.Robot
	// rename maps a derived name to plankit's snake_case name; names not
	// listed are kept (repeated ones are numbered).
	rename   map[string]string
	function func(name, kind string) string
	color    map[string]string // kind → colour override
}

func pt(x, y float64) geom.Point { return geom.Pt(x, y) }

func ptr(p geom.Point) *geom.Point { return &p }

func chip(file, key string, n int) scenario {
	return scenario{
		file: file, key: key, name: strings.TrimSuffix(file, ".json"),
		description: fmt.Sprintf("AutoTAMP Chip's Challenge, environment %d: reach every goal; key i opens door i; one robot in an 8x8 maze", n),
		horizon:     50,
		robots:      []robot.Robot{{Name: "r1", Start: pt(4.4, 1.9), MaxSpeed: 5, Radius: 0.18}},
		function: func(name, kind string) string {
			switch kind {
			case "key":
				i := strings.TrimPrefix(name, "key")
				return fmt.Sprintf("key %s: opens door%s", i, i)
			case "door":
				i := strings.TrimPrefix(name, "door")
				return fmt.Sprintf("door %s: opened by key%s", i, i)
			case "goal":
				return "goal to reach"
			}
			return "wall"
		},
	}
}

// houseworld is HouseWorld with another start and goal (the centres of
// AutoTAMP's random start and end boxes).
func houseworld(file, pair string, start, goal geom.Point) scenario {
	sc := scenarios0
	sc.file = file
	sc.name = strings.TrimSuffix(file, ".json")
	sc.description = "AutoTAMP HouseWorld with " + pair + ": eight rooms in a 3x3 house, one robot that must end at its goal"
	sc.robots = []robot.Robot{{Name: "r1", Start: start, Goal: ptr(goal), MaxSpeed: 5, Radius: 0.05}}
	return sc
}

// chipRoom is Chip env2 or env3 with the robot starting inside the key
// room [2,4]x[4,6] behind door1. From AutoTAMP's start (4.5, 2) these maps
// have no plan: that start's room is closed by doors whose keys lie
// behind them, and key1 lies in the room door1 closes. From inside the
// key room every key and goal can be reached in turn.
func chipRoom(file, key string, n int) scenario {
	sc := chip(file, key, n)
	sc.description = fmt.Sprintf("AutoTAMP Chip's Challenge, environment %d, starting in the key room behind door1 (plankit's reading; from AutoTAMP's start the map has no plan): reach every goal; key i opens door i", n)
	sc.robots = []robot.Robot{{Name: "r1", Start: pt(3.4, 4.5), MaxSpeed: 5, Radius: 0.18}}
	return sc
}

var scenarios0 = scenario{
	file: "houseworld.json", key: "HouseWorld", name: "houseworld",
	description: "AutoTAMP HouseWorld (the LTLMoP house of Finucane et al.): eight rooms in a 3x3 house, one robot that must end at its goal",
	horizon:     50,
	robots:      []robot.Robot{{Name: "r1", Start: pt(1.3, -1.3), Goal: ptr(pt(0, 1.3)), MaxSpeed: 5, Radius: 0.05}},
	rename: map[string]string{
		"Kitchen": "kitchen", "RestRoom2": "restroom2", "MasterBedroom": "master_bedroom", "Bedroom": "bedroom",
		"LivingRoom": "living_room", "ExerciseRoom": "exercise_room", "RestRoom": "restroom", "DiningRoom": "dining_room",
	},
	function: func(name, kind string) string {
		if kind == "wall" {
			return "outer wall"
		}
		return ""
	},
}

var scenarios = []scenario{
	scenarios0,
	houseworld("houseworld_b.json", "start/end pair B", pt(-1, -0.35), pt(0, 1.3)),
	houseworld("houseworld_sent9.json", "the start/end pair of task 9", pt(-1.35, -1.1), pt(1.15, 1.15)),
	chip("chip1.json", "Chip_env1", 1),
	chip("chip2.json", "Chip_env2", 2),
	chip("chip3.json", "Chip_env3", 3),
	chipRoom("chip2_room.json", "Chip_env2", 2),
	chipRoom("chip3_room.json", "Chip_env3", 3),
	{
		file: "rover.json", key: "Rover", name: "rover",
		description: "AutoTAMP Rover: three rovers observe goals, report to a transmitter within 2 time units and return to a charging station within 5 time units of leaving it",
		horizon:     8,
		robots: []robot.Robot{
			{Name: "r1", Start: pt(4.5, 6.5), MaxSpeed: 5, Radius: 0.21},
			{Name: "r2", Start: pt(4.5, 4.5), MaxSpeed: 5, Radius: 0.21},
			{Name: "r3", Start: pt(7.5, 6.5), MaxSpeed: 5, Radius: 0.21},
		},
		function: func(name, kind string) string {
			switch kind {
			case "observation":
				return "observation goal"
			case "transmitter":
				return "transmitter: send observations here"
			case "charging":
				return "charging station"
			}
			return "wall"
		},
		color: map[string]string{"transmitter": "red", "charging": "pink"},
	},
	{
		file: "wall.json", key: "Wall", name: "wall",
		description: "AutoTAMP Wall: four robots cross a dividing wall through a 1-unit gap to reach and stay in the goals on the top row",
		horizon:     5,
		robots: []robot.Robot{
			{Name: "r1", Start: pt(2, 0.5), MaxSpeed: 3, Radius: 0.2},
			{Name: "r2", Start: pt(4, 0.5), MaxSpeed: 3, Radius: 0.2},
			{Name: "r3", Start: pt(6, 0.5), MaxSpeed: 3, Radius: 0.2},
			{Name: "r4", Start: pt(8, 0.5), MaxSpeed: 3, Radius: 0.2},
		},
		function: func(name, kind string) string {
			if kind == "goal" {
				return "goal to reach and stay in"
			}
			return "wall"
		},
	},
	{
		file: "overcooked.json", key: "Overcooked", name: "overcooked",
		description: "AutoTAMP Overcooked: two cooks visit every ingredient room and reach the cooking room within 3 time units of each ingredient; the black block cannot be entered",
		horizon:     10,
		robots: []robot.Robot{
			{Name: "r1", Start: pt(1.5, 2.5), MaxSpeed: 5, Radius: 0.2},
			{Name: "r2", Start: pt(2.5, 1.5), MaxSpeed: 5, Radius: 0.2},
		},
		rename: map[string]string{"CookingRoom1": "cooking_room1"},
		function: func(name, kind string) string {
			switch kind {
			case "ingredient":
				return "ingredient room: pick up food"
			case "cooking":
				return "cooking room"
			case "obstacle":
				return "solid black cell that cannot be entered"
			}
			return "wall"
		},
	},
}

// Envs converts environments_derived.json into plankit environment files
// (file name → content). Every file is parsed back and validated.
func Envs(data []byte) (map[string][]byte, error) {
	var d derived
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	out := map[string][]byte{}
	for _, sc := range scenarios {
		src, ok := d.Environments[sc.key]
		if !ok {
			return nil, fmt.Errorf("convert: environments_derived.json has no %s", sc.key)
		}
		env := &robot.Env{Name: sc.name, Description: sc.description, Source: Source, Horizon: sc.horizon, Robots: sc.robots}
		count := map[string]int{}
		for _, r := range src.Regions {
			count[r.Name]++
		}
		seen := map[string]int{}
		for _, r := range src.Regions {
			name := r.Name
			if n, ok := sc.rename[name]; ok {
				name = n
			}
			if count[r.Name] > 1 {
				seen[r.Name]++
				name = fmt.Sprintf("%s%d", name, seen[r.Name])
			}
			b, err := geom.BoxFromSlice(r.Box)
			if err != nil {
				return nil, fmt.Errorf("convert: %s %s: %w", sc.key, r.Name, err)
			}
			color := r.Color
			if c, ok := sc.color[r.Kind]; ok {
				color = c
			}
			fn := ""
			if sc.function != nil {
				fn = sc.function(name, r.Kind)
			}
			if fn == "" {
				fn = r.Name
			}
			env.Regions = append(env.Regions, robot.Region{
				Name: name, Kind: r.Kind, Color: color, Function: fn,
				Shape: geom.BoxShape(name, b),
			})
		}
		env.Bounds = bounds(env)
		if err := env.Validate(); err != nil {
			return nil, fmt.Errorf("convert: %s: %w", sc.file, err)
		}
		raw, err := env.MarshalJSON()
		if err != nil {
			return nil, err
		}
		if _, err := robot.ParseEnv(raw); err != nil {
			return nil, fmt.Errorf("convert: %s does not parse back: %w", sc.file, err)
		}
		out[sc.file] = raw
	}
	return out, nil
}

// bounds is the box around the regions (the outer walls).
func bounds(e *robot.Env) geom.Box {
	var b geom.Box
	for i, r := range e.Regions {
		pb := r.Shape.Polygons[0].Bounds()
		if i == 0 {
			b = pb
			continue
		}
		b.XMin, b.XMax = min(b.XMin, pb.XMin), max(b.XMax, pb.XMax)
		b.YMin, b.YMax = min(b.YMin, pb.YMin), max(b.YMax, pb.YMax)
	}
	return b
}

// Examples converts Example_results/<dir>/myfile<i>.txt into one
// trajectory file per directory (robots r1, r2, ... in file order), named
// examples/<dir>.json.
func Examples(fsys fs.FS) (map[string][]byte, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	out := map[string][]byte{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, err := fs.Glob(fsys, path.Join(d.Name(), "myfile*.txt"))
		if err != nil {
			return nil, err
		}
		sort.Slice(files, func(i, j int) bool { return fileIndex(files[i]) < fileIndex(files[j]) })
		t := &robot.Trajectory{}
		for i, f := range files {
			data, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, err
			}
			rp, err := robot.ParseAutoTAMPRows(data, fmt.Sprintf("r%d", i+1))
			if err != nil {
				return nil, fmt.Errorf("convert: %s: %w", f, err)
			}
			t.Robots = append(t.Robots, rp)
		}
		if err := t.Validate(); err != nil {
			return nil, fmt.Errorf("convert: %s: %w", d.Name(), err)
		}
		raw, err := t.MarshalJSON()
		if err != nil {
			return nil, err
		}
		out[path.Join("examples", d.Name()+".json")] = raw
	}
	return out, nil
}

func fileIndex(name string) int {
	var n int
	fmt.Sscanf(strings.TrimPrefix(path.Base(name), "myfile"), "%d", &n)
	return n
}
