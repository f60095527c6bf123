// barebtdb is the floor of a wizard over the store the project mandates:
// .ci/barebt's menu, shown after opening a digint database with
// modernc.org/sqlite as digint opens it (write-ahead log, foreign keys,
// synced commits) and reading the ten assessments changed last, the rows
// digint's welcome screen shows. .ci/startup.sh runs it beside digint and
// barebt: what it costs above barebt is the store's, not digint's.
//
//	barebtdb PATH
package main

import (
	"database/sql"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	_ "modernc.org/sqlite"
)

type menu struct {
	latest []string
	keys   int
}

func (m menu) Init() tea.Cmd { return nil }

func (m menu) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if s := k.String(); s == "q" || s == "ctrl+c" {
			return m, tea.Quit
		}
		m.keys++
	}
	return m, nil
}

func (m menu) View() tea.View {
	v := tea.NewView(fmt.Sprintf("Pick one\n\n> a\n  b\n  c\n%s\nkeys pressed: %d",
		strings.Join(m.latest, "\n"), m.keys))
	v.AltScreen = true
	return v
}

// openSQLite opens the database at path as digint opens it.
func openSQLite(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)"+
		"&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)")
}

// latest reads the ids of the ten assessments changed last, and closes db.
func latest(db *sql.DB) ([]string, error) {
	defer db.Close()
	rows, err := db.Query(`SELECT id FROM assessments ORDER BY updated_at DESC, id LIMIT 10`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// start runs the program on its arguments; a build with the stack tag
// (stack.go) replaces it.
var start = func(args []string) error {
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: barebtdb PATH")
		os.Exit(2)
	}
	db, err := openSQLite(args[0])
	if err != nil {
		return err
	}
	ids, err := latest(db)
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(menu{latest: ids}).Run()
	return err
}

func main() {
	if err := start(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
