package tui

// keepNoneAlone keeps a checklist's "none of these" exclusive: ticking it
// unticks the rest (and the Other text), ticking anything else unticks it.
// The bank marks the option (assessment.Option.None); without one nothing
// changes.
func (e *editor) keepNoneAlone(ticked string) {
	none, ok := e.it.NoneOption()
	if !ok || !e.ticked[ticked] {
		return
	}
	if ticked != none {
		delete(e.ticked, none)
		return
	}
	clear(e.ticked)
	e.ticked[none] = true
	if e.it.Other {
		e.input.SetValue("")
	}
}
