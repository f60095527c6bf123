#!/bin/sh
# Times list, workshop report and version against their floors (the
# sqlite3 shell running the same SQL, the same through modernc's engine
# with nothing of digint's, a Go hello world), with /usr/bin/time:
# wall, user and system time (on a shared machine CPU time is the steadier),
# on a database of N generated assessments (default
# 10000; the first min(N, 10000) in workshop WS-SCALE).
#
#   .ci/scale.sh [N] [DIR]      DIR defaults to a fresh folder under /tmp
set -eu
n=${1:-10000}
dir=${2:-$(mktemp -d /tmp/digint-scale-XXXXXX)}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
go build -o "$dir/digint" ./cmd/digint
go build -o "$dir/sqlfloor" ./.ci/sqlfloor
db="$dir/scale-$n.db"
[ -f "$db" ] || go run ./.ci/scalegen "$db" "$n" "$((n < 10000 ? n : 10000))"
printf 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello") }\n' > "$dir/hello.go"
go build -o "$dir/hello" "$dir/hello.go"

measure() { # label, command...
	label=$1; shift
	/usr/bin/time -f "$label: %e s wall, %U s user, %S s system, %M KiB peak" "$@" > /dev/null
}
gates=$(sed -n 's/^ *gate: *\([a-z0-9-]*\).*/"\1"/p' assessment/bank/digint-vet.yaml | paste -sd, -)
listsql="SELECT a.seq, a.id, a.participant_id, p.name, a.role, p.institution, a.workshop, a.bank_id, a.bank_version, a.mode, a.language, a.started_at, a.updated_at, a.completed_at,
 (SELECT group_concat(x.item, ' ') FROM answers x WHERE x.assessment = a.seq),
 (SELECT group_concat(x.item || char(31) || x.status || char(31) || coalesce(x.value, ''), char(30)) FROM answers x WHERE x.assessment = a.seq AND x.item IN (SELECT value FROM json_each('[$gates]')))
 FROM assessments a JOIN participants p ON p.id = a.participant_id ORDER BY a.updated_at DESC, a.id;"

# The group report's floor reads the rows a score needs, in the report's
# order, and computes nothing (the report scores and aggregates them all).
groupsql="SELECT x.assessment, x.item, x.status, x.value, x.other FROM assessments a JOIN answers x ON x.assessment = a.seq
 WHERE a.workshop = 'WS-SCALE' ORDER BY a.started_at, a.id;"

"$dir/digint" --db "$db" list > /dev/null # migrate first
for i in 1 2 3; do
	measure "floor: sqlite3 shell, the list's SQL" sqlite3 "$db" "$listsql"
	measure "floor: modernc (the engine digint must use), the list's SQL" "$dir/sqlfloor" "$db" "$listsql"
	measure "digint list --limit 0" "$dir/digint" --db "$db" list --limit 0
	measure "digint list --json" "$dir/digint" --db "$db" list --json
	measure "digint list (a page)" "$dir/digint" --db "$db" list
	measure "floor: sqlite3 shell, the workshop's answer rows" sqlite3 -readonly "$db" "$groupsql"
	measure "digint workshop report (10k)" "$dir/digint" --db "$db" workshop report WS-SCALE --json
	measure "floor: hello world" "$dir/hello"
	measure "digint version" "$dir/digint" version
done
echo "database and binaries in $dir"
