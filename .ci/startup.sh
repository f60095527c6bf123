#!/bin/sh
# Times what every start costs against its floors, built alike in the same
# run: the wizard's first frame, a key and its peak memory beside a bare
# Bubble Tea program (.ci/barebt) at 80×24 and 200×60, with tuilat; the
# program's own memory apart from its executable's mapped pages; and
# `digint version` beside a Go hello world, 200 starts each, in turns.
# Each floor is also built with every library package digint links
# imported (blank imports: their init runs, nothing else), which shows what
# linking those libraries costs apart from digint's own code; and memory is
# also read beside .ci/barebtdb (the menu over the store) and its stack
# build (the menu with the whole mandated stack linked as digint links it).
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
dir=$(mktemp -d "${TMPDIR:-/tmp}/digint-startup-XXXXXX")
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/digint" ./cmd/digint
go build -o "$dir/barebt" ./.ci/barebt
go build -o "$dir/barebtdb" ./.ci/barebtdb
# The same menu with the whole mandated stack linked as digint links it
# (fang, bubbles, pgx, wish): .ci/barebtdb/stack.go.
go build -tags stack -o "$dir/barebtstack" ./.ci/barebtdb
printf 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello") }\n' > "$dir/hello.go"
go build -o "$dir/hello" "$dir/hello.go"
# The floors with digint's libraries: a file importing them is laid over
# the module with -overlay (never written into it), beside barebt and as a
# hello world of its own.
go list -deps ./cmd/digint | grep -v -e '^github.com/digint/' -e '/internal' -e '^internal/' \
	-e '^vendor/' -e '^runtime' -e '^unsafe$' -e '^C$' | sed 's/.*/import _ "&"/' > "$dir/libs.txt"
{ echo 'package main'; cat "$dir/libs.txt"; } > "$dir/libs.go"
# And with only the stack the project must use (Charm, modernc's SQLite,
# pgx, wish): what those alone cost at start.
{ echo 'package main'; grep -E '"(charm.land/|modernc.org/sqlite"|github.com/jackc/pgx/v5)' "$dir/libs.txt"; } > "$dir/mandated.go"
printf '{"Replace": {"%s": "%s", "%s": "%s", "%s": "%s", "%s": "%s", "%s": "%s"}}' \
	"$here/.ci/barebt/libs.go" "$dir/libs.go" "$here/.ci/hellolibs/libs.go" "$dir/libs.go" \
	"$here/.ci/hellolibs/main.go" "$dir/hello.go" \
	"$here/.ci/hellomandated/libs.go" "$dir/mandated.go" "$here/.ci/hellomandated/main.go" "$dir/hello.go" > "$dir/overlay.json"
go build -overlay "$dir/overlay.json" -o "$dir/barebt-libs" ./.ci/barebt
go build -overlay "$dir/overlay.json" -o "$dir/hello-libs" ./.ci/hellolibs
go build -overlay "$dir/overlay.json" -o "$dir/hello-mandated" ./.ci/hellomandated
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

# Peak memory above splits in two: the program's own (anonymous) pages, and
# the pages of its executable file that the kernel maps (shared with every
# other run, and on kernels with large folios most of a big file once
# touched). This reads both at the first frame.
echo "== memory at the first frame, own / mapped from the executable (MiB, median of ${RUNS:-20})"
python3 - "$dir/digint --db $dir/empty.db" 'Start a new assessment' "$dir/barebt" 'Pick one' "${RUNS:-20}" "$dir/barebt-libs" "$dir/barebtdb $dir/empty.db" \
	"$dir/barebtstack $dir/empty.db" <<'PY'
import os, pty, select, shlex, signal, statistics, struct, sys, time, fcntl, termios
def sample(cmd, marker):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, deadline = b"", time.time() + 10
    while marker.encode() not in seen and time.time() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    time.sleep(0.2)
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        k, _, v = line.partition(":")
        if k in ("RssAnon", "RssFile", "VmHWM"):
            fields[k] = int(v.split()[0]) / 1024
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return fields
args = sys.argv[1:]
runs = int(args[4])
got = {}
for name, cmd, marker in (("digint", args[0], args[1]), ("bare", args[2], args[3]), ("+libs", args[5], args[3]),
                          ("+store", args[6], args[3]), ("+stack", args[7], args[3])):
    s = [sample(shlex.split(cmd), marker) for _ in range(runs)]
    got[name] = {k: statistics.median(x[k] for x in s) for k in s[0]}
    g = got[name]
    print(f"{name:7} own {g['RssAnon']:6.2f}  mapped {g['RssFile']:6.2f}  peak {g['VmHWM']:6.2f}")
b = got["bare"]
for floor in ("+store", "+stack"):
    f = got[floor]
    print(f"{floor} ÷ bare: peak {f['VmHWM'] / b['VmHWM']:.2f}× (what the floor costs before any digint code)")
d = got["digint"]
for floor in ("bare", "+libs", "+store", "+stack"):
    b = got[floor]
    print(f"÷ {floor:5} own {d['RssAnon'] / b['RssAnon']:.2f}×  mapped {d['RssFile'] / b['RssFile']:.2f}×  peak {d['VmHWM'] / b['VmHWM']:.2f}×")
PY

echo "== digint version / hello world, median of 200 starts each, in turns"
python3 - "$dir/digint" "$dir/hello" "$dir/hello-libs" "$dir/hello-mandated" <<'PY'
import statistics, subprocess, sys, time
digint, hello, hellolibs, mandated = sys.argv[1:5]
cmds = {"digint version": [digint, "version"], "hello": [hello], "hello+libs": [hellolibs], "hello+mandated": [mandated]}
runs = {name: [] for name in cmds}
for _ in range(200):
    for name, cmd in cmds.items():
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        runs[name].append(time.perf_counter() - t)
d, h, l, m = (statistics.median(runs[k]) * 1000 for k in cmds)
print(f"digint version {d:.2f} ms, hello {h:.2f} ms: {d / h:.2f}×; hello with digint's libraries {l:.2f} ms ({l / h:.2f}×): {d / l:.2f}×;"
      f" hello with the mandated stack alone {m:.2f} ms ({m / h:.2f}×)")
PY
