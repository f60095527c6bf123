package tui

import "testing"

// A cut after a word leaves no space before the ellipsis, plain or
// styled.
func TestTruncateLeavesNoSpaceBeforeTheEllipsis(t *testing.T) {
	for in, want := range map[string]string{
		"Processes & practices":               "Processes…",
		"\x1b[1mProcesses & practices\x1b[0m": "\x1b[1mProcesses…\x1b[0m",
		"Strategy":                            "Strategy",
		"Resources and more":                  "Resources…",
	} {
		if got := truncate(in, 11); got != want {
			t.Errorf("truncate(%q, 11) = %q, want %q", in, got, want)
		}
	}
}
