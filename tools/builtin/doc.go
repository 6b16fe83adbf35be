// Package builtin registers plankit's built-in solver and domain tools in a
// tools.Registry.
package builtin
