package storage

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

func workshopTitle(t *testing.T, s *Store, code string) string {
	t.Helper()
	st, err := s.WorkshopStatus(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	return st.Title
}

// A workshop's title travels with the export: the facilitator's machine
// shows it after the import, a workshop known only by its code there gets
// it, and a title of its own is kept.
func TestWorkshopTitleTravels(t *testing.T) {
	laptop := newStore(t)
	if _, err := laptop.CreateWorkshop(ctx, "BOL-26", "Bologna, spring"); err != nil {
		t.Fatal(err)
	}
	if _, err := laptop.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: "BOL-26"}); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := laptop.WriteDocument(ctx, Selection{Workshop: "BOL-26"}, &file); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(file.String(), `"workshop_title": "Bologna, spring"`) {
		t.Fatalf("the export lacks the title:\n%s", file.String())
	}

	fresh := newStore(t)
	importBytes(t, fresh, file.Bytes())
	if got := workshopTitle(t, fresh, "BOL-26"); got != "Bologna, spring" {
		t.Errorf("imported on a fresh machine: title %q", got)
	}

	codeOnly := openAt(t, filepath.Join(t.TempDir(), "digint.db"))
	if _, err := codeOnly.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Bea", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: "BOL-26"}); err != nil {
		t.Fatal(err)
	}
	importBytes(t, codeOnly, file.Bytes())
	if got := workshopTitle(t, codeOnly, "BOL-26"); got != "Bologna, spring" {
		t.Errorf("a workshop known by its code: title %q", got)
	}

	own := newStore(t)
	if _, err := own.CreateWorkshop(ctx, "BOL-26", "Bologna (facilitator)"); err != nil {
		t.Fatal(err)
	}
	importBytes(t, own, file.Bytes())
	if got := workshopTitle(t, own, "BOL-26"); got != "Bologna (facilitator)" {
		t.Errorf("a title of its own was replaced: %q", got)
	}
}

// A staged assessment keeps its workshop title; a stage written without
// one reads as before.
func TestStageKeepsWorkshopTitle(t *testing.T) {
	a := &assessment.Assessment{ID: "x", Workshop: "BOL-26", WorkshopTitle: "Bologna", Answers: []assessment.Answer{}}
	for _, title := range []string{"Bologna", ""} {
		a.WorkshopTitle = title
		b, err := encodeStaged(a)
		if err != nil {
			t.Fatal(err)
		}
		back, err := decodeStaged(b)
		if err != nil || back.WorkshopTitle != title {
			t.Errorf("title %q staged: %+v, %v", title, back, err)
		}
	}
}
