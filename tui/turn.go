package tui

import tea "charm.land/bubbletea/v2"

// A participant's turn at a shared keyboard ends at each hand-over
// (handOver). What a command of theirs finds later – their results, their
// resume code, an assessment they opened, the answer to a PIN or code they
// typed, a file they saved – belongs to nobody at the keyboard by then.
// Such commands are made with forTurn, and Update drops what they bring
// once the turn has passed: the next person never sees the last one's.

// turnMsg is a message of the turn it was asked in.
type turnMsg struct {
	turn int
	msg  tea.Msg
}

// forTurn tags what cmd brings with the current turn. cmd must bring a
// message of its own, not a batch or a sequence.
func (c *common) forTurn(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	turn := c.turn
	return func() tea.Msg { return turnMsg{turn: turn, msg: cmd()} }
}

// ofThisTurn unwraps msg; false when it belongs to a turn that has passed.
func (c *common) ofThisTurn(msg tea.Msg) (tea.Msg, bool) {
	t, ok := msg.(turnMsg)
	if !ok {
		return msg, true
	}
	return t.msg, t.turn == c.turn
}
