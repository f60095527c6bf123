// Command digint is the DIG.INT self-assessment for the
// internationalisation of VET, in the terminal.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
)

// version may be set at build time (-ldflags "-X main.version=…"); left
// empty, it comes from the build information (see buildVersion).
var version = ""

// usageError marks bad usage (exit status 2), as opposed to a failure (1).
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func main() {
	if len(os.Args) == 2 && os.Args[1] == "version" {
		// Nothing to translate or open: skip the command line's set-up.
		fmt.Println(versionLine())
		return
	}
	// The bank and the interface texts load while the command line is read
	// and the database opens: the first screen comes sooner. Commands that
	// only print (version, help, completion) do not need the bank.
	if needsBank(os.Args[1:]) {
		go assessment.Default()
	}
	go i18n.Preload(i18n.Detect(os.Getenv))
	e := &env{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	root := newRoot(e, os.Args[1:])
	exitOnOwnErrors(e, root)
	if err := fang.Execute(context.Background(), root, fangOptions(e)...); err != nil {
		os.Exit(exitCode(err))
	}
}

// fangOptions: the version from the build, errors as one line in the
// user's language; the man page (digint man) and completions stay on.
func fangOptions(e *env) []fang.Option {
	return []fang.Option{fang.WithVersion(programVersion()), fang.WithErrorHandler(e.printError)}
}

// exitOnOwnErrors makes every error of digint's commands (their
// arguments, flags, language and run) print its line and end the process
// before fang sees it: fang asks the terminal for its background colour
// before it hands an error on, twice, each waiting up to 2 s where no
// answer comes (script, some CI and serial terminals, which also show the
// query), for a line that has no colour. Only the program does this;
// tests see the errors returned.
func exitOnOwnErrors(e *env, root *cobra.Command) {
	exit := func(err error) {
		e.printError(e.stderr, fang.Styles{}, err)
		os.Exit(exitCode(err))
	}
	stop := func(err error) error {
		if err != nil && !errors.Is(err, pflag.ErrHelp) {
			exit(err)
		}
		return err
	}
	flagErr := root.FlagErrorFunc()
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return stop(flagErr(c, err)) })
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if args := c.Args; args != nil {
			c.Args = func(c *cobra.Command, a []string) error { return stop(args(c, a)) }
		}
		if pre := c.PersistentPreRunE; pre != nil {
			c.PersistentPreRunE = func(c *cobra.Command, a []string) error { return stop(pre(c, a)) }
		}
		if run := c.RunE; run != nil {
			c.RunE = func(c *cobra.Command, a []string) error { return stop(run(c, a)) }
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// needsBank tells from the command line whether the command may use the
// bank; when unsure, it may.
func needsBank(args []string) bool {
	for _, a := range args {
		switch a {
		case "version", "help", "completion", "__complete", "__completeNoDesc", "-h", "--help", "-v", "--version":
			return false
		}
		if !strings.HasPrefix(a, "-") {
			return true // the first word is the command
		}
	}
	return true
}

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || isCobraUsage(err) {
		return 2
	}
	return 1
}

// isCobraUsage recognises cobra's own usage errors, which have no type.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// maxErrorRunes bounds an error line: a refused value is quoted, not echoed.
const maxErrorRunes = 600
