#!/bin/sh
# Times what every start costs against its floors, built alike in the same
# run: the wizard's first frame, a key and its peak memory beside a bare
# Bubble Tea program (.ci/barebt) at 80×24 and 200×60, with tuilat; and
# `digint version` beside a Go hello world, 200 starts each, in turns.
#
#   .ci/startup.sh              # as `go build` makes them
#   CGO_ENABLED=0 .ci/startup.sh  # static programs, as the README installs
#   RUNS=30 TUILAT=path/to/tuilat.py .ci/startup.sh
#
# tuilat is the project's shared tool (../shared/tools/tuilat.py by
# default); without it only the version line is measured.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
dir=$(mktemp -d /tmp/digint-startup-XXXXXX)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/digint" ./cmd/digint
go build -o "$dir/barebt" ./.ci/barebt
printf 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello") }\n' > "$dir/hello.go"
go build -o "$dir/hello" "$dir/hello.go"
# The empty database is made and migrated first, by importing nothing.
printf '{"format": "digint.assessments", "version": 2, "assessments": []}' > "$dir/none.json"
"$dir/digint" --db "$dir/empty.db" import "$dir/none.json" > /dev/null

tuilat=${TUILAT:-$here/../shared/tools/tuilat.py}
if [ -f "$tuilat" ]; then
	for size in "80 24" "200 60"; do
		set -- $size
		echo "== first frame, key and memory at $1×$2 (digint / bare Bubble Tea)"
		python3 "$tuilat" -n "${RUNS:-20}" --cols "$1" --rows "$2" \
			--label digint --marker 'Start a new assessment' "$dir/digint --db $dir/empty.db" \
			--label bare --marker 'Pick one' "$dir/barebt" |
			grep -E '^\[|first frame|key first|peak RSS|^ratio|medians'
	done
else
	echo "startup: no tuilat at $tuilat (set TUILAT): first frame not measured"
fi

echo "== digint version / hello world, median of 200 starts each, in turns"
python3 - "$dir/digint" "$dir/hello" <<'PY'
import statistics, subprocess, sys, time
digint, hello = sys.argv[1], sys.argv[2]
runs = {"digint version": [], "hello": []}
for _ in range(200):
    for name, cmd in (("digint version", [digint, "version"]), ("hello", [hello])):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        runs[name].append(time.perf_counter() - t)
d, h = (statistics.median(runs[k]) * 1000 for k in runs)
print(f"digint version {d:.2f} ms, hello {h:.2f} ms: {d / h:.2f}×")
PY
