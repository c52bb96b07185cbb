//go:build unix

package content

import "syscall"

// fileID returns the inode and device of a file from its FileInfo.Sys().
func fileID(sys any) (ino, dev uint64) {
	st, ok := sys.(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return uint64(st.Ino), uint64(st.Dev)
}
