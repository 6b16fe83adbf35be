package agent

import (
	"bytes"
	"encoding/json"
	"strings"
)

// CodeBlock is a fenced code block of a model's text reply.
type CodeBlock struct {
	Lang string // "python", "starlark", "json", … (lower case, may be "")
	Code string
}

// Reply is a model's text reply read under the text protocol.
type Reply struct {
	// Answer is the text inside the last <<<…>>>, and HasAnswer says whether
	// there was one.
	Answer    string
	HasAnswer bool
	// Code holds the ```python / ```py / ```starlark blocks, in order.
	Code []CodeBlock
	// ToolCalls are JSON blocks {"tool": NAME, "input": {...}}.
	ToolCalls []ToolCall
	// Malformed lists JSON blocks that look like tool calls but do not parse.
	Malformed []string
}

// ParseReply reads a text reply: code blocks to execute, tool calls written
// as JSON blocks, and the final answer (the last <<<…>>>). Unterminated fences
// run to the end of the text.
func ParseReply(text string) Reply {
	var r Reply
	if i := strings.LastIndex(text, "<<<"); i >= 0 {
		rest := text[i+3:]
		if j := strings.Index(rest, ">>>"); j >= 0 {
			r.Answer, r.HasAnswer = strings.TrimSpace(rest[:j]), true
		}
	}
	for _, b := range fencedBlocks(text) {
		switch b.Lang {
		case "python", "py", "python3", "starlark", "star", "bzl":
			r.Code = append(r.Code, b)
		case "json", "":
			tc, looks, ok := parseToolBlock(b.Code, len(r.ToolCalls))
			switch {
			case ok:
				r.ToolCalls = append(r.ToolCalls, tc)
			case looks:
				r.Malformed = append(r.Malformed, b.Code)
			}
		}
	}
	return r
}

// fencedBlocks returns the ``` fenced blocks of text.
func fencedBlocks(text string) []CodeBlock {
	var out []CodeBlock
	for {
		i := strings.Index(text, "```")
		if i < 0 {
			return out
		}
		text = text[i+3:]
		nl := strings.IndexByte(text, '\n')
		if nl < 0 {
			return out
		}
		lang := strings.ToLower(strings.TrimSpace(text[:nl]))
		if f := strings.Fields(lang); len(f) > 0 {
			lang = f[0]
		}
		body := text[nl+1:]
		end := strings.Index(body, "```")
		if end < 0 {
			out = append(out, CodeBlock{Lang: lang, Code: body})
			return out
		}
		out = append(out, CodeBlock{Lang: lang, Code: body[:end]})
		text = body[end+3:]
	}
}

func parseToolBlock(s string, n int) (tc ToolCall, looksLikeTool, ok bool) {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "{") || !strings.Contains(t, `"tool"`) {
		return ToolCall{}, false, false
	}
	var v struct {
		Tool  string          `json:"tool"`
		Input json.RawMessage `json:"input"`
	}
	dec := json.NewDecoder(strings.NewReader(t))
	if err := dec.Decode(&v); err != nil || v.Tool == "" {
		return ToolCall{}, true, false
	}
	in := bytes.TrimSpace(v.Input)
	if len(in) == 0 || string(in) == "null" {
		in = []byte("{}")
	}
	return ToolCall{ID: "text-" + itoa(n+1), Name: v.Tool, Arguments: json.RawMessage(in)}, true, true
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// CodeResultMessage formats code output the way R1-Code-Interpreter and
// CodeSteer feed it back: "Code Execution Results:" and the output,
// truncated with a notice past max bytes.
func CodeResultMessage(output string, max int) string {
	if max > 0 && len(output) > max {
		output = output[:max] + "\n… [output truncated: " + itoa(len(output)-max) + " more bytes]"
	}
	return "Code Execution Results:\n" + output
}
