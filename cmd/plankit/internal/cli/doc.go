// Package cli implements the plankit command tree. Each command is an options
// struct, a constructor taking the shared Factory and a run function, so that
// commands are tested with injected input and output streams.
package cli
