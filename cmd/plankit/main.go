// Command plankit solves planning problems exactly; see "plankit --help".
package main

import (
	"os"

	"github.com/plankit/plankit/cmd/plankit/internal/cli"
)

func main() {
	ctx, stop := cli.InterruptContext()
	code := cli.Main(ctx, os.Args[1:], cli.System())
	stop()
	os.Exit(code)
}
