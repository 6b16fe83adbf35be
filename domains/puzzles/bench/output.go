package bench

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WriteJSON writes the report as indented JSON.
func (rep *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: encoding JSON: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// CSVHeader lists the columns of WriteCSV.
var CSVHeader = []string{"task", "route", "n", "solved", "success_rate", "mean_s", "median_s", "total_s",
	"prompt_tokens", "completion_tokens", "mix_text", "mix_tool", "mix_code", "errors", "norm"}

// WriteCSV writes one line per (task, route) under CSVHeader.
func (rep *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
	for _, r := range rep.Rows {
		rec := []string{r.Task, r.Route, strconv.Itoa(r.N), strconv.Itoa(r.Solved), f(r.Rate), f(r.MeanSeconds),
			f(r.MedianSeconds), f(r.TotalSeconds), strconv.Itoa(r.PromptTokens), strconv.Itoa(r.CompletionTokens),
			strconv.Itoa(r.MixText), strconv.Itoa(r.MixTool), strconv.Itoa(r.MixCode), strconv.Itoa(r.Errors), f(r.Norm)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteMarkdown writes the rows as a Markdown table (success, median and
// mean time in milliseconds) followed by the route summaries.
func (rep *Report) WriteMarkdown(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString("| task | route | n | solved | success | median ms | mean ms | tokens (prompt/completion) | mix text/tool/code |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rep.Rows {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %.0f%% | %.2f | %.2f | %d/%d | %d/%d/%d |\n", r.Task, r.Route, r.N, r.Solved,
			100*r.Rate, 1000*r.MedianSeconds, 1000*r.MeanSeconds, r.PromptTokens, r.CompletionTokens, r.MixText, r.MixTool, r.MixCode)
	}
	b.WriteString("\n| route | tasks | n | solved | success | AveNorm | total s |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range rep.Summaries {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %.1f%% | %.3f | %.2f |\n", s.Route, s.Tasks, s.N, s.Solved, 100*s.Rate, s.AveNorm, s.TotalSeconds)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// chartColors are the bar colours of the routes, in order.
var chartColors = []color.RGBA{
	{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}, {R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}, {R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}, {R: 0x94, G: 0x67, B: 0xbd, A: 0xff}, {R: 0x8c, G: 0x56, B: 0x4b, A: 0xff},
}

// WriteChart draws success rate per task as bars grouped by route, in
// format "svg" or "png".
func (rep *Report) WriteChart(w io.Writer, format string) error {
	if format != "svg" && format != "png" {
		return fmt.Errorf("bench: chart format %q: want svg or png", format)
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Puzzle suite: success per task (n = %d per task)", rep.N)
	p.Y.Label.Text = "success rate"
	p.Y.Min, p.Y.Max = 0, 1.2 // headroom for the legend
	nr := max(len(rep.Routes), 1)
	barWidth := vg.Points(min(14, 60/float64(nr)))
	for ri, route := range rep.Routes {
		vals := make(plotter.Values, len(rep.Tasks))
		for ti, task := range rep.Tasks {
			for _, r := range rep.Rows {
				if r.Task == task && r.Route == route {
					vals[ti] = r.Rate
				}
			}
		}
		bars, err := plotter.NewBarChart(vals, barWidth)
		if err != nil {
			return fmt.Errorf("bench: chart: %w", err)
		}
		bars.LineStyle.Width = 0
		bars.Color = chartColors[ri%len(chartColors)]
		bars.Offset = vg.Length(float64(ri)-float64(nr-1)/2) * barWidth
		p.Add(bars)
		p.Legend.Add(route, bars)
	}
	p.Legend.Top = true
	p.NominalX(rep.Tasks...)
	p.X.Tick.Label.Rotation = 1.0 // radians, about 57°
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	p.Add(plotter.NewGrid())
	width := vg.Points(max(480, 26*float64(len(rep.Tasks))*float64(nr)+120))
	wt, err := p.WriterTo(width, vg.Points(420), format)
	if err != nil {
		return fmt.Errorf("bench: chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}
