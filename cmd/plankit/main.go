// Command plankit solves planning problems exactly; see "plankit --help".
package main

import (
	"context"
	"os"

	"github.com/plankit/plankit/cmd/plankit/internal/cli"
)

func main() { os.Exit(cli.Main(context.Background(), os.Args[1:], cli.System())) }
