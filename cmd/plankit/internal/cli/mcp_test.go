package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// buildBinary compiles the real plankit binary for end-to-end tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "plankit")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/plankit/plankit/cmd/plankit")
	cmd.Env = os.Environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestMCPEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	client := mcp.NewClient(&mcp.Implementation{Name: "plankit-test", Version: "0"}, nil)
	sess, err := client.Connect(ctx, &mcp.CommandTransport{Command: exec.Command(bin, "mcp")}, nil)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer sess.Close()

	list, err := sess.ListTools(ctx, nil)
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	var found *mcp.Tool
	for _, tl := range list.Tools {
		if tl.Name == "sat.solve" {
			found = tl
		}
	}
	if found == nil || found.InputSchema == nil || found.OutputSchema == nil || found.Description == "" {
		t.Fatalf("sat.solve missing or incomplete in tools/list: %+v", list.Tools)
	}

	res, err := sess.CallTool(ctx, &mcp.CallToolParams{Name: "sat.solve", Arguments: map[string]any{"clauses": [][]int{{1, 2}, {-1}, {-2, 3}}}})
	if err != nil {
		t.Fatalf("tools/call: %v", err)
	}
	if res.IsError {
		t.Fatalf("tools/call returned an error result: %+v", res.Content)
	}
	raw, _ := json.Marshal(res.StructuredContent)
	var out struct {
		Status string `json:"status"`
		Model  []int  `json:"model"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || out.Status != "sat" || len(out.Model) != 3 || out.Model[0] != -1 || out.Model[1] != 2 || out.Model[2] != 3 {
		t.Fatalf("structured result %s", raw)
	}

	res, err = sess.CallTool(ctx, &mcp.CallToolParams{Name: "sat.solve", Arguments: map[string]any{"clauses": "nope"}})
	if err != nil {
		t.Fatalf("tools/call with bad input: protocol error %v", err)
	}
	if !res.IsError || len(res.Content) == 0 {
		t.Fatalf("bad input: want isError result, got %+v", res)
	}
	if txt, ok := res.Content[0].(*mcp.TextContent); !ok || !strings.Contains(txt.Text, `field "clauses"`) {
		t.Fatalf("bad input message: %+v", res.Content[0])
	}
}
