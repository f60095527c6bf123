package serve

import "testing"

// One assessment is open in one live session at a time; a session that
// moves on or ends lets it go.
func TestClaimsOneSessionPerAssessment(t *testing.T) {
	var c claims
	a, b := c.newClaimant(), c.newClaimant()
	if !a.claim("X") || !a.claim("X") {
		t.Fatal("a session cannot hold what it opened")
	}
	if b.claim("X") {
		t.Fatal("a second session opened an assessment open in the first")
	}
	if !a.claim("Y") || !b.claim("X") {
		t.Fatal("an assessment the first session left stays held")
	}
	b.release()
	if !a.claim("X") {
		t.Fatal("an ended session still holds its assessment")
	}
}
