package tools

import (
	"context"
	"encoding/json"
	"testing"
)

func TestInputSchemaJSON(t *testing.T) {
	type in struct {
		N int `json:"n" jsonschema:"a number"`
	}
	r := NewRegistry()
	if err := Add(r, "x.echo", "echo", func(_ context.Context, v in) (in, error) { return v, nil }); err != nil {
		t.Fatal(err)
	}
	tool, err := r.Lookup("x.echo")
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(tool.InputSchema)
	if err != nil {
		t.Fatal(err)
	}
	got := tool.InputSchemaJSON()
	if string(got) != string(want) {
		t.Fatalf("InputSchemaJSON %s, want %s", got, want)
	}
	// A clone shares the marshalled schema instead of marshalling again.
	ct, err := r.Clone(nil).Lookup("x.echo")
	if err != nil {
		t.Fatal(err)
	}
	if cg := ct.InputSchemaJSON(); string(cg) != string(want) || &cg[0] != &got[0] {
		t.Fatalf("clone's schema JSON %s is not the shared one", cg)
	}
	// An unregistered tool still answers.
	if s := (&Tool{}).InputSchemaJSON(); string(s) != `{"type":"object"}` {
		t.Fatalf("unregistered tool: %s", s)
	}
}
