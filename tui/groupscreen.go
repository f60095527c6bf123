package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
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
func RunGroup(b *assessment.Bank, lang, title string, g assessment.GroupReport, p *assessment.GroupProgress, noColor bool) error {
	gp, err := newGroupPage(b, lang, title, g, p)
	if err != nil {
		return err
	}
	var opts []tea.ProgramOption
	if noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	_, err = tea.NewProgram(&groupModel{gp: gp, width: 80, height: 24}, opts...).Run()
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
	T := gp.loc.T
	if w < minWidth || h < minHeight {
		return fit(wrap(T("enlarge", "Width", minWidth, "Height", minHeight), max(1, w)), w, h)
	}
	head := gp.head()
	var tabs []string
	for i, t := range gm.tabs() {
		label := fmt.Sprintf("%d %s", i+1, t)
		if i == gm.tab {
			tabs = append(tabs, gp.st.activeTab.Render(label))
		} else {
			tabs = append(tabs, gp.st.tab.Render(label))
		}
	}
	head = append(head, truncate(strings.Join(tabs, ""), w), "")
	help := []string{truncate(gp.st.key.Render("←→")+" "+gp.st.dim.Render(T("key.tabs"))+gp.st.dim.Render(" · ")+
		gp.st.key.Render("↑↓")+" "+gp.st.dim.Render(T("key.move"))+gp.st.dim.Render(" · ")+
		gp.st.key.Render("q")+" "+gp.st.dim.Render(T("key.quit")), w)}
	room := h - len(head) - len(help)
	var body []string
	switch gm.tab {
	case 0:
		// The legend takes about 56 columns; the chart gets what is left.
		if rows := min(room-1, (w-58)/2, 30); rows >= 8 {
			body = gp.radar(rows)
		} else {
			body = gp.radar(0) // the legend alone: too small for a chart
		}
	case 1:
		body = gp.discuss()
	case 2:
		body = gp.modules()
	case 3:
		body = gp.roles()
	}
	var lines []string
	for _, l := range body {
		if gm.tab == 0 {
			lines = append(lines, l)
			continue
		}
		if ansi.StringWidth(l) <= w {
			lines = append(lines, l)
			continue
		}
		// Wrapped lines hang under their text, past the bullet.
		plain := ansi.Strip(l)
		cut := len(plain) - len(strings.TrimLeft(plain, " •"))
		lines = append(lines, wrapIndent(plain[:cut], plain[cut:], w)...)
	}
	gm.scroll = min(gm.scroll, max(0, len(lines)-room))
	lines = lines[gm.scroll:]
	if len(lines) > room {
		lines = lines[:max(0, room)]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	return fit(append(append(head, lines...), help...), w, h)
}
