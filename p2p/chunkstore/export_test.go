package chunkstore

// crashForTest drops the store the way a killed process would: the journal
// descriptor (and with it the lock) and the root are closed, nothing is
// synced and no clean mark is written. The store is unusable afterwards.
func (s *Store) crashForTest() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.dropHandles()
	s.releaseJournal()
	s.root.Close()
}

// journalPathForTest returns the journal's path relative to the output
// directory.
func (s *Store) journalPathForTest() string { return s.stagePath(journalName) }

// stagingFileForTest returns the staging file name of entry, relative to
// the staging folder.
func stagingFileForTest(entry int) string { return fileName(entry) }
