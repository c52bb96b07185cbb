package chunkstore

import "syscall"

// directFlag opens a file for direct I/O: writes go from the caller's
// buffer to the device without passing through the page cache.
const directFlag = syscall.O_DIRECT
