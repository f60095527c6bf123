package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment/report"
)

// The group screen shows a workshop's group report to the facilitator, a
// view at a time: the group radar, the questions to discuss, the modules
// for the group, and the roles.

type groupModel struct {
	gp     *groupPage
	keys   groupKeys
	tab    int
	scroll int // kept within the view's length by Update: View changes nothing
	width  int
	height int
}

// groupKeys are the group screen's keys; its help line is made of them.
type groupKeys struct {
	Next, Prev, Down, Up, Quit, View key.Binding
}

func newGroupKeys(T func(string, ...any) string) groupKeys {
	return groupKeys{
		Next: bind([]string{"right", "l", "tab"}, "←→", T("key.tabs")),
		Prev: hidden("left", "h", "shift+tab"),
		Down: bind([]string{"down", "j"}, "↑↓", T("key.scroll")),
		Up:   hidden("up", "k"),
		Quit: bind([]string{"q", "esc", "ctrl+c"}, "q", T("key.quit")),
		View: hidden("1", "2", "3", "4"),
	}
}

func newGroupModel(gp *groupPage) groupModel {
	return groupModel{gp: gp, keys: newGroupKeys(gp.loc.T), width: 80, height: 24}
}

func (gm *groupModel) tabs() []string {
	T := gm.gp.loc.T
	return []string{T("tab.radar"), T("group.tab.discuss"), T("tab.modules"), T("group.tab.roles")}
}

// RunGroup shows the group report as an interactive screen until q.
func RunGroup(lang string, r report.Group, noColor bool) error {
	gp, err := newGroupPage(lang, r)
	if err != nil {
		return err
	}
	gm := newGroupModel(gp)
	_, err = NewProgram(&gm, processTerminal(noColor)).Run()
	return err
}

func (gm *groupModel) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (gm *groupModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		gm.width, gm.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		gm.gp.st = newStyles(msg.IsDark())
	case tea.KeyPressMsg:
		n, k := len(gm.tabs()), gm.keysHere()
		switch {
		case key.Matches(msg, k.Quit):
			return gm, tea.Quit
		case key.Matches(msg, k.Next):
			gm.tab, gm.scroll = (gm.tab+1)%n, 0
		case key.Matches(msg, k.Prev):
			gm.tab, gm.scroll = (gm.tab+n-1)%n, 0
		case key.Matches(msg, k.Down):
			gm.scroll = min(gm.scroll+1, gm.lastScroll())
		case key.Matches(msg, k.Up): // from where the view shows, should it have shrunk (a live view)
			gm.scroll = max(0, min(gm.scroll, gm.lastScroll())-1)
		case key.Matches(msg, k.View) && int(msg.String()[0]-'1') < n:
			gm.tab, gm.scroll = int(msg.String()[0]-'1'), 0
		}
	}
	return gm, nil
}

func (gm *groupModel) View() tea.View {
	v := tea.NewView(gm.render())
	v.AltScreen = true
	v.WindowTitle = "digint"
	return v
}

func (gm *groupModel) render() string {
	w, h, T := gm.width, gm.height, gm.gp.loc.T
	if w < minWidth || h < minHeight {
		return fit(wrap(T("enlarge", "Width", minWidth, "Height", minHeight), max(1, w)), w, h)
	}
	head, body, room := gm.layout()
	more := len(body) > room                         // read before the body is cut to the room
	scroll := min(gm.scroll, max(0, len(body)-room)) // a live view may have shrunk since
	body = body[scroll:]
	if len(body) > room {
		body = body[:room]
	}
	for len(body) < room {
		body = append(body, "")
	}
	help := gm.helpLine(w, more)
	lines := strings.Split(fit(append(append(head, body...), help), w, h), "\n")
	for i, l := range lines { // padded: a view switched to never keeps the last one's tail
		lines[i] = l + strings.Repeat(" ", max(0, w-lipgloss.Width(l)))
	}
	return strings.Join(lines, "\n")
}

// helpLine is the key help, made of the screen's bindings; more: the view
// has more lines than room.
func (gm *groupModel) helpLine(w int, more bool) string {
	k := gm.keysFor(more)
	return truncate(strings.Join(keyHelp(gm.gp.st, 1<<20, helpPairs(gm.gp.loc, k.Next, k.Down, k.Quit)), ""), w)
}

// keysHere are the keys that act on the view as it is.
func (gm *groupModel) keysHere() groupKeys { return gm.keysFor(gm.lastScroll() > 0) }

// keysFor are the keys, ↑↓ only where the view has more lines than room
// (the help line's height never depends on it).
func (gm *groupModel) keysFor(more bool) groupKeys {
	k := gm.keys
	k.Down.SetEnabled(more)
	k.Up.SetEnabled(more)
	return k
}

// lastScroll is the furthest the view scrolls: its last line at the bottom.
func (gm *groupModel) lastScroll() int {
	_, body, room := gm.layout()
	return max(0, len(body)-room)
}

// layout is the screen's head (the report's, its tabs), the current view's
// whole body, and the room the body has between the head and the help.
func (gm *groupModel) layout() (head, body []string, room int) {
	w, h, gp, st := gm.width, gm.height, gm.gp, gm.gp.st
	head = gp.head(w, false)
	var tabs []string
	for i, t := range gm.tabs() {
		label := fmt.Sprintf("%d %s", i+1, t)
		if i == gm.tab {
			tabs = append(tabs, st.activeTab.Render(label))
		} else {
			tabs = append(tabs, st.tab.Render(label))
		}
	}
	head = append(head, truncate(strings.Join(tabs, ""), w))
	if h >= 20 {
		head = append(head, "")
	}
	room = max(0, h-len(head)-1) // a line of help
	switch gm.tab {
	case 0:
		body = gp.radar(w, room)
	case 1:
		body = gp.discuss(w)
	case 2:
		body = gp.modules(w)
	case 3:
		body = gp.roles(w)
	}
	return head, body, room
}
