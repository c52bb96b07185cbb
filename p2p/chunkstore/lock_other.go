//go:build !unix

package chunkstore

import "os"

// lockFile does nothing where flock is unavailable.
func lockFile(*os.File) error { return nil }
