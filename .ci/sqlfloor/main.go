// sqlfloor runs one SQL query on a database through modernc.org/sqlite,
// the engine digint must use, and reads every row without making anything
// of it: the floor of a digint command that runs that query. .ci/scale.sh
// times it beside the C sqlite3 shell running the same SQL, which shows
// what the engine costs apart from digint's own work.
//
//	sqlfloor DB SQL
package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sqlfloor DB SQL")
		os.Exit(2)
	}
	rows, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(rows, "rows")
}

// run reads every row of query on the database at path, read-only.
func run(path, query string) (int, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(sql.RawBytes)
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}
