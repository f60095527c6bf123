//go:build stack

// Built with -tags stack, barebtdb is the floor of the whole stack the
// project mandates, linked as digint links it: a fang command line, a
// bubbles text input styled with lipgloss in the menu, pgx's database/sql
// driver (--postgres) and a wish SSH server (serve). Started as
// `barebtdb PATH` it shows the menu over the SQLite store, as barebtdb
// does; the rest is in the program and not run, as digint's is at its
// first frame. .ci/startup.sh measures it beside digint.
//
//	barebtdb [--postgres URL] PATH
//	barebtdb serve ADDRESS PATH
package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/spf13/cobra"
)

func init() { start = startStack }

// stackMenu is the menu with a text input under it from the first key on:
// like digint's welcome, the first frame has no text input (its first
// width lookup builds a 2 MiB table in go-runewidth).
type stackMenu struct {
	menu
	input textinput.Model
	quit  key.Binding
}

var inputStyle = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)

func newStackMenu(ids []string) stackMenu {
	in := textinput.New()
	in.Placeholder = "Your name"
	in.SetWidth(30)
	in.Focus()
	return stackMenu{menu: menu{latest: ids}, input: in, quit: key.NewBinding(key.WithKeys("ctrl+c"))}
}

func (m stackMenu) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, m.quit) {
			return m, tea.Quit
		}
		m.keys++
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

func (m stackMenu) View() tea.View {
	v := m.menu.View()
	if m.keys == 0 {
		return v
	}
	v.SetContent(lipgloss.JoinVertical(lipgloss.Left, v.Content, inputStyle.Render(m.input.View())))
	return v
}

// open opens the store: PostgreSQL when url is set, else the SQLite file.
func open(url, path string) (*sql.DB, error) {
	if url == "" {
		return openSQLite(path)
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	return stdlib.OpenDB(*cfg), nil
}

func startStack(args []string) error {
	var url string
	root := &cobra.Command{
		Use:  "barebtdb PATH",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := open(url, args[0])
			if err != nil {
				return err
			}
			ids, err := latest(db)
			if err != nil {
				return err
			}
			_, err = tea.NewProgram(newStackMenu(ids)).Run()
			return err
		},
	}
	root.Flags().StringVar(&url, "postgres", "", "read from this PostgreSQL database")
	root.AddCommand(&cobra.Command{
		Use:  "serve ADDRESS PATH",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return serve(args[0], args[1]) },
	})
	root.SetArgs(args)
	return fang.Execute(context.Background(), root)
}

// serve shows the menu to each SSH session on address.
func serve(address, path string) error {
	srv, err := wish.NewServer(
		wish.WithAddress(address),
		wish.WithHostKeyPath(filepath.Join(os.TempDir(), "barebtdb_ed25519")),
		wish.WithMiddleware(func(next ssh.Handler) ssh.Handler {
			return func(s ssh.Session) {
				db, err := openSQLite(path)
				if err == nil {
					ids, _ := latest(db)
					_, _ = tea.NewProgram(newStackMenu(ids), tea.WithInput(s), tea.WithOutput(s)).Run()
				}
				next(s)
			}
		}),
	)
	if err != nil {
		return err
	}
	return srv.ListenAndServe()
}
