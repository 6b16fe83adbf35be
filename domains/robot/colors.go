package robot

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// namedColors are the colour names an environment may use (a subset of
// the CSS names), besides #rgb and #rrggbb.
var namedColors = map[string]color.RGBA{
	"black":       {0, 0, 0, 255},
	"white":       {255, 255, 255, 255},
	"gray":        {128, 128, 128, 255},
	"grey":        {128, 128, 128, 255},
	"darkgray":    {169, 169, 169, 255},
	"darkgrey":    {169, 169, 169, 255},
	"lightgray":   {211, 211, 211, 255},
	"lightgrey":   {211, 211, 211, 255},
	"silver":      {192, 192, 192, 255},
	"red":         {255, 0, 0, 255},
	"darkred":     {139, 0, 0, 255},
	"crimson":     {220, 20, 60, 255},
	"maroon":      {128, 0, 0, 255},
	"salmon":      {250, 128, 114, 255},
	"coral":       {255, 127, 80, 255},
	"tomato":      {255, 99, 71, 255},
	"orange":      {255, 165, 0, 255},
	"darkorange":  {255, 140, 0, 255},
	"gold":        {255, 215, 0, 255},
	"yellow":      {255, 255, 0, 255},
	"khaki":       {240, 230, 140, 255},
	"olive":       {128, 128, 0, 255},
	"green":       {0, 128, 0, 255},
	"darkgreen":   {0, 100, 0, 255},
	"lightgreen":  {144, 238, 144, 255},
	"lime":        {0, 255, 0, 255},
	"limegreen":   {50, 205, 50, 255},
	"teal":        {0, 128, 128, 255},
	"turquoise":   {64, 224, 208, 255},
	"cyan":        {0, 255, 255, 255},
	"aqua":        {0, 255, 255, 255},
	"lightblue":   {173, 216, 230, 255},
	"skyblue":     {135, 206, 235, 255},
	"steelblue":   {70, 130, 180, 255},
	"royalblue":   {65, 105, 225, 255},
	"blue":        {0, 0, 255, 255},
	"navy":        {0, 0, 128, 255},
	"indigo":      {75, 0, 130, 255},
	"purple":      {128, 0, 128, 255},
	"violet":      {238, 130, 238, 255},
	"orchid":      {218, 112, 214, 255},
	"plum":        {221, 160, 221, 255},
	"lavender":    {230, 230, 250, 255},
	"magenta":     {255, 0, 255, 255},
	"fuchsia":     {255, 0, 255, 255},
	"pink":        {255, 192, 203, 255},
	"hotpink":     {255, 105, 180, 255},
	"brown":       {165, 42, 42, 255},
	"chocolate":   {210, 105, 30, 255},
	"sienna":      {160, 82, 45, 255},
	"tan":         {210, 180, 140, 255},
	"beige":       {245, 245, 220, 255},
	"wheat":       {245, 222, 179, 255},
	"mintcream":   {245, 255, 250, 255},
	"forestgreen": {34, 139, 34, 255},
	"seagreen":    {46, 139, 87, 255},
	"slategray":   {112, 128, 144, 255},
	"slategrey":   {112, 128, 144, 255},
}

// ParseColor reads a colour name (black, red, cyan, ...; case-insensitive)
// or a hex colour #rgb or #rrggbb.
func ParseColor(s string) (color.RGBA, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if c, ok := namedColors[t]; ok {
		return c, nil
	}
	if strings.HasPrefix(t, "#") && (len(t) == 4 || len(t) == 7) {
		h := t[1:]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		v, err := strconv.ParseUint(h, 16, 32)
		if err == nil {
			return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, nil
		}
	}
	return color.RGBA{}, fmt.Errorf("unknown colour %q (want #rrggbb, #rgb or a name such as red, green, blue, cyan, pink, purple, yellow, gray)", s)
}
