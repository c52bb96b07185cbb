package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"syscall"

	"github.com/urfave/cli/v2"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
)

// printer writes aligned "name  value" lines.
type printer struct{ w io.Writer }

func (p *printer) field(name, value string) { fmt.Fprintf(p.w, "%-8s %s\n", name, value) }

// output prints v as JSON under --json, or through human otherwise.
func output(c *cli.Context, v any, human func(*printer)) error {
	if c.Bool(jsonFlag.Name) {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	human(&printer{w: c.App.Writer})
	return nil
}

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Exit codes.
const (
	exitFailure = 1 // the command ran and failed, or the answer is no
	exitUsage   = 2 // the command line is wrong
)

// exitCode maps an error to the process exit code; the one place that does.
func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFailure
}

// describe turns an error into the one line a user sees; the one place
// that does. Known causes get a hint; the wrapped detail stays.
func describe(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Sprintf("disk full: %v (free some space and run the command again: nothing is lost)", err)
	case errors.Is(err, chunkstore.ErrBusy):
		return fmt.Sprintf("%v", err)
	case errors.Is(err, content.ErrBadPath):
		return fmt.Sprintf("%v (this name cannot be shared safely; rename it)", err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("permission denied: %v", err)
	}
	return err.Error()
}
