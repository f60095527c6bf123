package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// The live view: the group screen kept up to date as answers arrive. It
// asks the store every WatchEvery; a refresh reads only what was written
// since the last one (storage.GroupWatch), in a command, never in Update.

// WatchEvery is how often the live view looks for new answers.
const WatchEvery = 500 * time.Millisecond

type watchModel struct {
	groupModel
	ctx     context.Context
	w       *storage.GroupWatch
	text    *assessment.Bank // the bank's texts in the reader's language
	code    string
	busy    bool // a refresh is under way: one at a time
	every   time.Duration
	version int // refreshes that changed the report, for tests
}

type (
	watchTick      struct{}
	watchRefreshed struct {
		view    storage.GroupView
		changed bool
		err     error
	}
)

// newWatchModel shows the view w has read, in lang.
func newWatchModel(ctx context.Context, w *storage.GroupWatch, b *assessment.Bank, code, lang string) (*watchModel, error) {
	text, err := i18n.Bank(b, lang)
	if err != nil {
		return nil, err
	}
	gp, err := newGroupPage(lang, report.Group{})
	if err != nil {
		return nil, err
	}
	m := &watchModel{groupModel: newGroupModel(gp), ctx: ctx, w: w, text: text, code: code, every: WatchEvery}
	m.show(w.View())
	return m, nil
}

// RunWatch shows a workshop's group report live until q.
func RunWatch(ctx context.Context, store *storage.Store, code, lang string, noColor bool) error {
	w, err := store.WatchGroup(ctx, code)
	if err != nil {
		return err
	}
	defer w.Close()
	m, err := newWatchModel(ctx, w, w.Bank(), code, lang)
	if err != nil {
		return err
	}
	t := processTerminal(noColor)
	t.Context = ctx
	_, err = NewProgram(m, t).Run()
	return err
}

func (m *watchModel) show(v storage.GroupView) {
	m.gp.r = report.BuildGroup(m.text, m.code, v.Title, v.Report, nil, "")
	m.gp.r.Closed = v.Closed
	m.gp.live = &liveStatus{answering: v.Answering, closed: v.Closed}
}

func (m *watchModel) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.tick())
}

func (m *watchModel) tick() tea.Cmd {
	return tea.Tick(m.every, func(time.Time) tea.Msg { return watchTick{} })
}

// refresh reads what changed, off the program's loop.
func (m *watchModel) refresh() tea.Cmd {
	w, ctx := m.w, m.ctx
	return func() tea.Msg {
		changed, err := w.Refresh(ctx)
		return watchRefreshed{view: w.View(), changed: changed, err: err}
	}
}

func (m *watchModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case watchTick:
		if m.busy {
			return m, nil
		}
		m.busy = true
		return m, m.refresh()
	case watchRefreshed:
		m.busy = false
		if msg.err != nil {
			m.gp.live.err = msg.err // the last figures stay, with the reason
			return m, m.tick()
		}
		if msg.changed {
			m.version++
		}
		m.show(msg.view)
		return m, m.tick()
	}
	_, cmd := m.groupModel.Update(msg)
	return m, cmd
}
