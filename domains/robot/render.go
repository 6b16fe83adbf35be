package robot

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// RenderOptions configures Render.
type RenderOptions struct {
	// Format is "svg" (default) or "png".
	Format string
	// Width of the picture in points (default 640). A PNG has Scale
	// pixels per point.
	Width float64
	// Scale is the PNG's pixels per point (default 2).
	Scale float64
	// Subtitle is an extra line under the title (for example a verdict).
	Subtitle string
	// TimeStep is the time between ticks on the paths; 0 picks a round
	// step giving about eight ticks.
	TimeStep float64
}

// pathColors are the robots' path colours: dark and saturated so that
// they stand out on the pale region fills.
var pathColors = []color.RGBA{
	{0xd3, 0x54, 0x00, 255}, // dark orange
	{0x1a, 0x23, 0x7e, 255}, // indigo
	{0x00, 0x79, 0x6b, 255}, // dark teal
	{0x8e, 0x24, 0xaa, 255}, // purple
	{0xb7, 0x1c, 0x1c, 255}, // dark red
	{0x33, 0x69, 0x1e, 255}, // dark green
	{0x37, 0x47, 0x4f, 255}, // blue grey
	{0xf5, 0x7f, 0x17, 255}, // amber
}

type painter struct {
	c      vg.Canvas
	fonts  *font.Cache
	left   float64 // canvas x of the map's left edge
	bottom float64 // canvas y of the map's bottom edge
	k      float64 // points per world unit
	b      geom.Box
}

func (p *painter) face(size float64) font.Face {
	return p.fonts.Lookup(font.Font{Typeface: "Liberation", Variant: "Sans"}, vg.Length(size))
}

func (p *painter) at(q geom.Point) vg.Point {
	return vg.Point{X: vg.Length(p.left + (q.X-p.b.XMin)*p.k), Y: vg.Length(p.bottom + (q.Y-p.b.YMin)*p.k)}
}

func (p *painter) ring(r []geom.Point) vg.Path {
	var path vg.Path
	for i, q := range r {
		if i == 0 {
			path.Move(p.at(q))
		} else {
			path.Line(p.at(q))
		}
	}
	path.Close()
	return path
}

func (p *painter) fillPolygon(poly geom.Polygon, fill color.Color) {
	p.c.SetColor(fill)
	path := p.ring(poly.Outer)
	p.c.Fill(path)
	// Holes: repaint them with the background.
	for _, h := range poly.Holes {
		p.c.SetColor(color.White)
		p.c.Fill(p.ring(h))
	}
}

func (p *painter) strokePolygon(poly geom.Polygon, c color.Color, w float64) {
	p.c.SetColor(c)
	p.c.SetLineWidth(vg.Length(w))
	p.c.Stroke(p.ring(poly.Outer))
	for _, h := range poly.Holes {
		p.c.Stroke(p.ring(h))
	}
}

func circle(center vg.Point, r float64) vg.Path {
	var path vg.Path
	path.Move(vg.Point{X: center.X + vg.Length(r), Y: center.Y})
	path.Arc(center, vg.Length(r), 0, 2*math.Pi)
	path.Close()
	return path
}

func rect(x0, y0, x1, y1 float64) vg.Path {
	var path vg.Path
	path.Move(vg.Point{X: vg.Length(x0), Y: vg.Length(y0)})
	path.Line(vg.Point{X: vg.Length(x1), Y: vg.Length(y0)})
	path.Line(vg.Point{X: vg.Length(x1), Y: vg.Length(y1)})
	path.Line(vg.Point{X: vg.Length(x0), Y: vg.Length(y1)})
	path.Close()
	return path
}

// text draws s with its anchor at (x, y): ax is 0 (left), 0.5 (centre)
// or 1 (right); the text is vertically centred on y. With rot the text
// runs upwards. A pale box behind it keeps it legible over lines.
func (p *painter) text(x, y float64, s string, size float64, c color.Color, ax float64, rot, backing bool) {
	f := p.face(size)
	w := float64(f.Width(s))
	h := size
	p.c.Push()
	p.c.Translate(vg.Point{X: vg.Length(x), Y: vg.Length(y)})
	if rot {
		p.c.Rotate(math.Pi / 2)
	}
	x0 := -ax * w
	if backing {
		p.c.SetColor(color.NRGBA{255, 255, 255, 190})
		p.c.Fill(rect(x0-1.5, -h*0.55, x0+w+1.5, h*0.55))
	}
	p.c.SetColor(c)
	p.c.FillString(f, vg.Point{X: vg.Length(x0), Y: vg.Length(-0.35 * size)}, s)
	p.c.Pop()
}

func (p *painter) textWidth(s string, size float64) float64 {
	f := p.face(size)
	return float64(f.Width(s))
}

// niceStep returns a round step (1, 2, 2.5 or 5 × 10^k) near span/n.
func niceStep(span float64, n int) float64 {
	if !(span > 0) {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

func fmtTick(x float64) string {
	s := fmt.Sprintf("%.4g", x)
	if s == "-0" {
		s = "0"
	}
	return s
}

func lighten(c color.RGBA, alpha uint8) color.NRGBA {
	return color.NRGBA{c.R, c.G, c.B, alpha}
}

func darken(c color.RGBA) color.RGBA {
	return color.RGBA{uint8(float64(c.R) * 0.6), uint8(float64(c.G) * 0.6), uint8(float64(c.B) * 0.6), 255}
}

// wrap splits s into at most n lines of at most w points.
func (p *painter) wrap(s string, size, w float64, n int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if p.textWidth(try, size) <= w || cur == "" {
			cur = try
			continue
		}
		lines = append(lines, cur)
		cur = word
		if len(lines) == n {
			break
		}
	}
	if cur != "" && len(lines) < n {
		lines = append(lines, cur)
	}
	if len(lines) == n && len(lines) > 0 {
		last := lines[n-1]
		joined := strings.Join(lines, " ")
		if len(joined) < len(strings.Join(strings.Fields(s), " ")) {
			for last != "" && p.textWidth(last+"…", size) > w {
				last = last[:len(last)-1]
			}
			lines[n-1] = last + "…"
		}
	}
	return lines
}

type drawnRobot struct {
	name   string
	col    color.RGBA
	radius float64
	start  geom.Point
	goal   *geom.Point
	path   stl.Path
}

// Render draws env (and traj when not nil) as an SVG or PNG picture.
// Trajectory robots that the environment does not list are drawn too.
func Render(w io.Writer, env *Env, traj *Trajectory, opts RenderOptions) error {
	if env == nil {
		return errors.New("robot: render: nil environment")
	}
	format := strings.ToLower(opts.Format)
	if format == "" {
		format = "svg"
	}
	if format != "svg" && format != "png" {
		return fmt.Errorf("robot: render: format %q: want svg or png", opts.Format)
	}
	width := opts.Width
	if width == 0 {
		width = 640
	}
	if !(width >= 200 && width <= 10000) {
		return fmt.Errorf("robot: render: width %g: want 200 to 10000 points", width)
	}
	scale := opts.Scale
	if scale == 0 {
		scale = 2
	}
	if !(scale >= 0.25 && scale <= 8) {
		return fmt.Errorf("robot: render: scale %g: want 0.25 to 8", scale)
	}
	if traj != nil {
		if err := traj.Validate(); err != nil {
			return err
		}
	}
	if opts.TimeStep < 0 || math.IsNaN(opts.TimeStep) || math.IsInf(opts.TimeStep, 0) {
		return fmt.Errorf("robot: render: time step %g: want a positive number (or 0 for automatic)", opts.TimeStep)
	}

	// Robots: the environment's, then any extra ones of the trajectory.
	var robots []drawnRobot
	for i, r := range env.Robots {
		d := drawnRobot{name: r.Name, col: pathColors[i%len(pathColors)], radius: r.Radius, start: r.Start, goal: r.Goal}
		if r.Color != "" {
			if c, err := ParseColor(r.Color); err == nil {
				d.col = c
			}
		}
		if traj != nil {
			d.path, _ = traj.Path(r.Name)
		}
		robots = append(robots, d)
	}
	if traj != nil {
		for _, rp := range traj.Robots {
			if env.Robot(rp.Name) != nil {
				continue
			}
			robots = append(robots, drawnRobot{name: rp.Name, col: pathColors[len(robots)%len(pathColors)], start: rp.Path[0].Point(), path: rp.Path})
		}
	}

	// The world box: the bounds, grown to hold every path.
	b := env.Bounds
	for _, r := range robots {
		for _, q := range r.path {
			b.XMin, b.XMax = math.Min(b.XMin, q.X), math.Max(b.XMax, q.X)
			b.YMin, b.YMax = math.Min(b.YMin, q.Y), math.Max(b.YMax, q.Y)
		}
	}
	pad := 0.02 * math.Max(b.XMax-b.XMin, b.YMax-b.YMin)
	b = geom.Box{XMin: b.XMin - pad, XMax: b.XMax + pad, YMin: b.YMin - pad, YMax: b.YMax + pad}

	fonts := font.NewCache(liberation.Collection())
	measure := &painter{fonts: fonts}
	const left, right, axisH, legendRow = 38.0, 14.0, 24.0, 15.0
	mapW := width - left - right
	k := mapW / (b.XMax - b.XMin)
	if h := k * (b.YMax - b.YMin); h > 1.3*width {
		k = 1.3 * width / (b.YMax - b.YMin)
	}
	mapH := k * (b.YMax - b.YMin)
	title := env.Name
	if title == "" {
		title = "environment"
	}
	desc := measure.wrap(env.Description, 8.5, width-2*left, 2)
	topH := 26 + 11*float64(len(desc))
	if opts.Subtitle != "" {
		topH += 13
	}
	// Legend entries, laid out in rows.
	type entry struct {
		label string
		draw  func(p *painter, x, y float64)
	}
	var entries []entry
	for _, r := range robots {
		r := r
		label := r.name
		if len(r.path) > 0 {
			label = fmt.Sprintf("%s path (ends t=%s)", r.name, fmtTick(r.path.End()))
		}
		entries = append(entries, entry{label, func(p *painter, x, y float64) {
			p.c.SetColor(r.col)
			p.c.SetLineWidth(2)
			var l vg.Path
			l.Move(vg.Point{X: vg.Length(x), Y: vg.Length(y)})
			l.Line(vg.Point{X: vg.Length(x + 16), Y: vg.Length(y)})
			p.c.Stroke(l)
			p.c.Fill(circle(vg.Point{X: vg.Length(x), Y: vg.Length(y)}, 3))
		}})
	}
	hasObstacle := len(env.Obstacles()) > 0
	if hasObstacle {
		entries = append(entries, entry{"wall / obstacle", func(p *painter, x, y float64) {
			p.c.SetColor(color.RGBA{0x30, 0x30, 0x30, 255})
			p.c.Fill(rect(x, y-4, x+16, y+4))
		}})
	}
	entries = append(entries, entry{"start (robot size)", func(p *painter, x, y float64) {
		p.c.SetColor(color.NRGBA{0x55, 0x55, 0x55, 120})
		p.c.Fill(circle(vg.Point{X: vg.Length(x + 8), Y: vg.Length(y)}, 4.5))
	}})
	hasGoal := false
	for _, r := range robots {
		hasGoal = hasGoal || r.goal != nil
	}
	if hasGoal {
		entries = append(entries, entry{"goal", func(p *painter, x, y float64) {
			p.cross(x+8, y, 4, color.RGBA{0x55, 0x55, 0x55, 255})
		}})
	}
	step := opts.TimeStep
	var tEnd float64
	for _, r := range robots {
		tEnd = math.Max(tEnd, r.path.End())
	}
	if tEnd > 0 {
		if step == 0 {
			step = niceStep(tEnd, 8)
		}
		if tEnd/step > 2000 {
			step = niceStep(tEnd, 2000)
		}
		entries = append(entries, entry{fmt.Sprintf("time tick every %s (label = t)", fmtTick(step)), func(p *painter, x, y float64) {
			p.tick(x+8, y, color.RGBA{0x55, 0x55, 0x55, 255})
		}})
	}
	// Lay out the legend.
	type placed struct {
		e    entry
		x, y float64
	}
	var legend []placed
	rows := 1
	x := left
	for _, e := range entries {
		w := 22 + measure.textWidth(e.label, 8.5) + 14
		if x+w > width-right && x > left {
			rows++
			x = left
		}
		legend = append(legend, placed{e: e, x: x, y: float64(rows)})
		x += w
	}
	bottomH := axisH + legendRow*float64(rows) + 6
	height := topH + mapH + bottomH

	var cw vg.CanvasWriterTo
	if format == "png" {
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(vg.Length(width), vg.Length(height)), vgimg.UseDPI(int(72*scale)), vgimg.UseBackgroundColor(color.White))}
	} else {
		cw = vgsvg.NewWith(vgsvg.UseWH(vg.Length(width), vg.Length(height)))
	}
	p := &painter{c: cw, fonts: fonts, left: left, bottom: bottomH, k: k, b: b}
	if format == "svg" {
		p.c.SetColor(color.White)
		p.c.Fill(rect(0, 0, width, height))
	}

	// Map background, grid and axes.
	mx0, my0 := left, bottomH
	mx1, my1 := left+mapW, bottomH+mapH
	mx1 = math.Min(mx1, left+(b.XMax-b.XMin)*k)
	p.c.SetColor(color.RGBA{0xfa, 0xfa, 0xf7, 255})
	p.c.Fill(rect(mx0, my0, mx1, my1))
	gstep := niceStep(math.Max(b.XMax-b.XMin, b.YMax-b.YMin), 10)
	grid := color.RGBA{0xe2, 0xe2, 0xe2, 255}
	axisCol := color.RGBA{0x80, 0x80, 0x80, 255}
	p.c.SetLineWidth(0.5)
	for gx := math.Ceil(b.XMin/gstep) * gstep; gx <= b.XMax; gx += gstep {
		c := p.at(geom.Pt(gx, b.YMin))
		p.c.SetColor(grid)
		var l vg.Path
		l.Move(vg.Point{X: c.X, Y: vg.Length(my0)})
		l.Line(vg.Point{X: c.X, Y: vg.Length(my1)})
		p.c.Stroke(l)
		p.text(float64(c.X), my0-9, fmtTick(gx), 7.5, axisCol, 0.5, false, false)
	}
	for gy := math.Ceil(b.YMin/gstep) * gstep; gy <= b.YMax; gy += gstep {
		c := p.at(geom.Pt(b.XMin, gy))
		p.c.SetColor(grid)
		var l vg.Path
		l.Move(vg.Point{X: vg.Length(mx0), Y: c.Y})
		l.Line(vg.Point{X: vg.Length(mx1), Y: c.Y})
		p.c.Stroke(l)
		p.text(mx0-4, float64(c.Y), fmtTick(gy), 7.5, axisCol, 1, false, false)
	}
	// The workspace bounds.
	p.strokePolygon(env.Bounds.Polygon(), color.RGBA{0x99, 0x99, 0x99, 255}, 0.8)

	// Regions: areas first (translucent, so overlaps show), then obstacles.
	for i := range env.Regions {
		r := &env.Regions[i]
		if r.Obstacle() {
			continue
		}
		col := color.RGBA{0x99, 0x99, 0x99, 255}
		if c, err := ParseColor(r.Color); err == nil && r.Color != "" {
			col = c
		}
		for _, poly := range r.Shape.Polygons {
			p.fillPolygon(poly, lighten(col, 90))
			p.strokePolygon(poly, darken(col), 1.2)
		}
	}
	for _, r := range env.Obstacles() {
		col := color.RGBA{0x30, 0x30, 0x30, 255}
		if c, err := ParseColor(r.Color); err == nil && r.Color != "" && r.Color != "black" {
			col = darken(c)
		}
		for _, poly := range r.Shape.Polygons {
			p.fillPolygon(poly, col)
		}
	}
	// Region labels.
	for i := range env.Regions {
		r := &env.Regions[i]
		if r.Kind == "wall" {
			continue
		}
		p.label(r)
	}

	// Paths with waypoints, arrows and time ticks.
	for _, r := range robots {
		if len(r.path) < 2 {
			continue
		}
		p.c.SetColor(r.col)
		p.c.SetLineWidth(1.8)
		var l vg.Path
		for i, w := range r.path {
			if i == 0 {
				l.Move(p.at(w.Point()))
			} else {
				l.Line(p.at(w.Point()))
			}
		}
		p.c.Stroke(l)
		for i := 1; i < len(r.path); i++ {
			a, c := p.at(r.path[i-1].Point()), p.at(r.path[i].Point())
			if math.Hypot(float64(c.X-a.X), float64(c.Y-a.Y)) > 28 {
				p.arrow(a, c, r.col)
			}
		}
		for _, w := range r.path {
			p.c.SetColor(r.col)
			p.c.Fill(circle(p.at(w.Point()), 1.7))
		}
		if step > 0 {
			end := r.path.End()
			for n := 1; float64(n)*step <= end+1e-9*end; n++ {
				t := float64(n) * step
				q := p.at(r.path.At(t))
				p.tick(float64(q.X), float64(q.Y), r.col)
				// Label beside the path, away from the direction of motion.
				d := r.path.At(math.Min(t+1e-3*step, end)).Sub(r.path.At(math.Max(t-1e-3*step, 0)))
				nx, ny := -d.Y, d.X
				if n := math.Hypot(nx, ny); n > 0 {
					nx, ny = nx/n, ny/n
				} else {
					nx, ny = 0, 1
				}
				p.text(float64(q.X)+7*nx, float64(q.Y)+7*ny, fmtTick(t), 6.5, darken(r.col), 0.5, false, true)
			}
		}
	}
	// Starts and goals on top.
	for _, r := range robots {
		c := p.at(r.start)
		rad := math.Max(r.radius*k, 4)
		p.c.SetColor(lighten(r.col, 110))
		p.c.Fill(circle(c, rad))
		p.c.SetColor(r.col)
		p.c.SetLineWidth(1.2)
		p.c.Stroke(circle(c, rad))
		p.text(float64(c.X)+rad+2, float64(c.Y)+rad+3, r.name, 9, darken(r.col), 0, false, true)
		if r.goal != nil {
			g := p.at(*r.goal)
			p.cross(float64(g.X), float64(g.Y), 5, r.col)
			p.text(float64(g.X)+7, float64(g.Y)-7, r.name+" goal", 8, darken(r.col), 0, false, true)
		}
	}

	// Title, description and legend.
	dark := color.RGBA{0x20, 0x20, 0x20, 255}
	y := height - 15
	p.text(left, y, title, 13, dark, 0, false, false)
	info := plural(len(env.Regions), "region") + ", " + plural(len(robots), "robot")
	if env.Horizon > 0 {
		info += fmt.Sprintf(", horizon %s", fmtTick(env.Horizon))
	}
	p.text(width-right, y, info, 8.5, axisCol, 1, false, false)
	y -= 14
	for _, line := range desc {
		p.text(left, y, line, 8.5, color.RGBA{0x44, 0x44, 0x44, 255}, 0, false, false)
		y -= 11
	}
	if opts.Subtitle != "" {
		p.text(left, y, opts.Subtitle, 9, dark, 0, false, false)
	}
	for _, pl := range legend {
		ly := bottomH - axisH - legendRow*(pl.y-1) - 6
		pl.e.draw(p, pl.x, ly)
		p.text(pl.x+22, ly, pl.e.label, 8.5, dark, 0, false, false)
	}

	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return fmt.Errorf("robot: render: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// label writes a region's name inside it: horizontally if it fits, else
// upwards in a tall narrow region, shrinking the font down to 6 points.
func (p *painter) label(r *Region) {
	poly := r.Shape.Polygons[0]
	for _, q := range r.Shape.Polygons[1:] {
		if q.Area() > poly.Area() {
			poly = q
		}
	}
	bx := poly.Bounds()
	c := poly.Centroid()
	if _, isBox := boxOf(poly); isBox {
		c = geom.Pt((bx.XMin+bx.XMax)/2, (bx.YMin+bx.YMax)/2)
	}
	cp := p.at(c)
	w, h := (bx.XMax-bx.XMin)*p.k, (bx.YMax-bx.YMin)*p.k
	col := color.RGBA{0x11, 0x11, 0x11, 255}
	if r.Obstacle() {
		col = color.RGBA{255, 255, 255, 255}
	}
	for size := 10.0; size >= 6; size -= 0.5 {
		tw := p.textWidth(r.Name, size)
		if tw <= 0.92*w && size*1.1 <= h {
			p.text(float64(cp.X), float64(cp.Y), r.Name, size, col, 0.5, false, !r.Obstacle())
			return
		}
		if h > w && tw <= 0.92*h && size*1.1 <= w {
			p.text(float64(cp.X), float64(cp.Y), r.Name, size, col, 0.5, true, !r.Obstacle())
			return
		}
	}
	// Too small for its name: write it beside the region.
	p.text(float64(cp.X)+w/2+2, float64(cp.Y), r.Name, 7, col, 0, false, true)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func (p *painter) cross(x, y, s float64, c color.Color) {
	p.c.SetColor(c)
	p.c.SetLineWidth(2)
	var l vg.Path
	l.Move(vg.Point{X: vg.Length(x - s), Y: vg.Length(y - s)})
	l.Line(vg.Point{X: vg.Length(x + s), Y: vg.Length(y + s)})
	l.Move(vg.Point{X: vg.Length(x - s), Y: vg.Length(y + s)})
	l.Line(vg.Point{X: vg.Length(x + s), Y: vg.Length(y - s)})
	p.c.Stroke(l)
}

// tick marks a time on a path: a white dot with a coloured ring.
func (p *painter) tick(x, y float64, c color.Color) {
	pt := vg.Point{X: vg.Length(x), Y: vg.Length(y)}
	p.c.SetColor(color.White)
	p.c.Fill(circle(pt, 2.6))
	p.c.SetColor(c)
	p.c.SetLineWidth(1.2)
	p.c.Stroke(circle(pt, 2.6))
}

// arrow draws a small arrowhead at 55% of the segment a→b.
func (p *painter) arrow(a, b vg.Point, c color.Color) {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	n := math.Hypot(dx, dy)
	ux, uy := dx/n, dy/n
	mx, my := float64(a.X)+0.55*dx, float64(a.Y)+0.55*dy
	const l, w = 6.0, 3.2
	var path vg.Path
	path.Move(vg.Point{X: vg.Length(mx + l/2*ux), Y: vg.Length(my + l/2*uy)})
	path.Line(vg.Point{X: vg.Length(mx - l/2*ux - w*uy), Y: vg.Length(my - l/2*uy + w*ux)})
	path.Line(vg.Point{X: vg.Length(mx - l/2*ux + w*uy), Y: vg.Length(my - l/2*uy - w*ux)})
	path.Close()
	p.c.SetColor(c)
	p.c.Fill(path)
}
