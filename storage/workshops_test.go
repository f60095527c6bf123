package storage

import (
	"errors"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

func TestWorkshops(t *testing.T) {
	s := newStore(t)
	rome, err := s.CreateWorkshop(ctx, "ROME-26", "  Rome\x1b[1m pilot ")
	if err != nil {
		t.Fatal(err)
	}
	if rome.Title != "Rome pilot" || rome.Created.IsZero() {
		t.Errorf("created %+v", rome)
	}
	lyon, err := s.CreateWorkshop(ctx, "LYON", "")
	if err != nil || lyon.Title != "LYON" {
		t.Errorf("untitled: %+v, %v; want the code as title", lyon, err)
	}
	if _, err := s.CreateWorkshop(ctx, "ROME-26", "again"); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "ROME-26") {
		t.Errorf("duplicate: %v", err)
	}
	for _, bad := range []string{"", "ro", "rome-26", "-ROME", "WAY-TOO-LONG-CODE-1", "ROME 26"} {
		if _, err := s.CreateWorkshop(ctx, bad, "x"); err == nil || !strings.Contains(err.Error(), "code") {
			t.Errorf("code %q: %v", bad, err)
		}
	}
	if _, err := s.CreateWorkshop(ctx, "LONG", strings.Repeat("t", assessment.MaxNameLen+1)); err == nil {
		t.Error("an overlong title was accepted")
	}
	ws, err := s.Workshops(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || ws[0] != lyon || ws[1] != rome {
		t.Errorf("workshops %+v, want the newest first: %+v, %+v", ws, lyon, rome)
	}
}
