package robot

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"strings"
	"testing"
)

// Every scenario renders as well-formed SVG naming each non-wall region,
// and as a PNG of the requested size; the AutoTAMP example plans render
// over their environments (the third Overcooked robot, which the
// environment does not list, too).
func TestRender(t *testing.T) {
	trajs := map[string]string{"rover": "examples/rover.json", "wall": "examples/wall.json", "overcooked": "examples/cook.json"}
	for _, name := range scenarios {
		t.Run(name, func(t *testing.T) {
			env := loadEnv(t, name)
			var tr *Trajectory
			if f, ok := trajs[name]; ok {
				tr = loadTraj(t, f)
			}
			var svg bytes.Buffer
			if err := Render(&svg, env, tr, RenderOptions{Subtitle: "test"}); err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(bytes.NewReader(svg.Bytes()))
			var texts []string
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("SVG is not well-formed XML: %v", err)
				}
				if cd, ok := tok.(xml.CharData); ok {
					texts = append(texts, strings.TrimSpace(string(cd)))
				}
			}
			all := "|" + strings.Join(texts, "|") + "|"
			for _, r := range env.Regions {
				if r.Kind != "wall" && !strings.Contains(all, "|"+r.Name+"|") {
					t.Errorf("no label %q", r.Name)
				}
			}
			for _, want := range []string{"|" + name + "|", "|test|", "|r1|"} {
				if !strings.Contains(all, want) {
					t.Errorf("no text %s", want)
				}
			}
			if tr != nil && !strings.Contains(all, "r1 path (ends t=") {
				t.Error("no path legend")
			}
			var pngBuf bytes.Buffer
			if err := Render(&pngBuf, env, tr, RenderOptions{Format: "png", Width: 400, Scale: 0.5}); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&pngBuf)
			if err != nil {
				t.Fatal(err)
			}
			if w := img.Bounds().Dx(); w != 200 {
				t.Fatalf("PNG width %d, want 200", w)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	env := loadEnv(t, "wall")
	for _, c := range []struct {
		env  *Env
		tr   *Trajectory
		opts RenderOptions
		want string
	}{
		{nil, nil, RenderOptions{}, "robot: render: nil environment"},
		{env, nil, RenderOptions{Format: "gif"}, `robot: render: format "gif": want svg or png`},
		{env, nil, RenderOptions{Width: 50}, "robot: render: width 50: want 200 to 10000 points"},
		{env, nil, RenderOptions{Format: "png", Scale: 100}, "robot: render: scale 100: want 0.25 to 8"},
		{env, nil, RenderOptions{TimeStep: -1}, "robot: render: time step -1"},
		{env, &Trajectory{}, RenderOptions{}, "robot: invalid trajectory: no robots"},
	} {
		err := Render(io.Discard, c.env, c.tr, c.opts)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v, want %q", err, c.want)
		}
	}
}
