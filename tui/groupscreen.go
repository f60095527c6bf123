package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment/report"
)

// The group screen shows a workshop's group report to the facilitator, a
// view at a time: the group radar, the questions to discuss, the modules
// for the group, and the roles.

type groupModel struct {
	gp     *groupPage
	tab    int
	scroll int
	width  int
	height int
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
	_, err = NewProgram(&groupModel{gp: gp, width: 80, height: 24}, processTerminal(noColor)).Run()
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
		n := len(gm.tabs())
		switch k := msg.String(); k {
		case "q", "esc", "ctrl+c":
			return gm, tea.Quit
		case "right", "l", "tab":
			gm.tab, gm.scroll = (gm.tab+1)%n, 0
		case "left", "h", "shift+tab":
			gm.tab, gm.scroll = (gm.tab+n-1)%n, 0
		case "down", "j":
			gm.scroll++
		case "up", "k":
			gm.scroll = max(0, gm.scroll-1)
		default:
			if len(k) == 1 && k[0] >= '1' && int(k[0]-'1') < n {
				gm.tab, gm.scroll = int(k[0]-'1'), 0
			}
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
	w, h, gp := gm.width, gm.height, gm.gp
	T, st := gp.loc.T, gp.st
	if w < minWidth || h < minHeight {
		return fit(wrap(T("enlarge", "Width", minWidth, "Height", minHeight), max(1, w)), w, h)
	}
	head := gp.head(w, false)
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
	help := []string{truncate(st.key.Render("←→")+" "+st.dim.Render(T("key.tabs"))+st.dim.Render(" · ")+
		st.key.Render("↑↓")+" "+st.dim.Render(T("key.scroll"))+st.dim.Render(" · ")+
		st.key.Render("q")+" "+st.dim.Render(T("key.quit")), w)}
	room := max(0, h-len(head)-len(help))
	var body []string
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
	gm.scroll = min(gm.scroll, max(0, len(body)-room))
	body = body[gm.scroll:]
	if len(body) > room {
		body = body[:room]
	}
	for len(body) < room {
		body = append(body, "")
	}
	lines := strings.Split(fit(append(append(head, body...), help...), w, h), "\n")
	for i, l := range lines { // padded: a view switched to never keeps the last one's tail
		lines[i] = l + strings.Repeat(" ", max(0, w-lipgloss.Width(l)))
	}
	return strings.Join(lines, "\n")
}
