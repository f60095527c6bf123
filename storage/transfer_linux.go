package storage

import (
	"io"
	"os"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// writeBehind starts the disk's write-back of a file as it is written, so
// that the fsync saving an export (safefile) waits for the last few MiB,
// not for the whole document: a 10k export is 184 MB, and its fsync took
// as long as a tenth of the export. It is only a hint, for regular files:
// a pipe or a terminal is written as it was. stop ends it, before the file
// is closed.
func writeBehind(w io.Writer) (_ io.Writer, stop func()) {
	f, ok := w.(*os.File)
	if !ok {
		return w, func() {}
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return w, func() {}
	}
	at, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return w, func() {}
	}
	b := &behindFile{f: f, fd: int(f.Fd()), from: at, start: make(chan struct{}, 1), done: make(chan struct{})}
	b.end.Store(at)
	go b.run()
	return b, b.stop
}

// behindEvery is how much is written between two starts of write-back
// (a variable for tests).
var behindEvery = 8 << 20

type behindFile struct {
	f       *os.File
	fd      int
	pending int
	end     atomic.Int64  // the offset written up to
	from    int64         // where the next write-back starts (run's)
	start   chan struct{} // a write-back to start
	done    chan struct{} // closed when run returns
	started int           // write-backs started, for tests (read after stop)
}

func (b *behindFile) Write(p []byte) (int, error) {
	n, err := b.f.Write(p)
	b.end.Add(int64(n))
	if b.pending += n; b.pending >= behindEvery {
		b.pending = 0
		select { // the device may be slow: the export does not wait for it
		case b.start <- struct{}{}:
		default:
		}
	}
	return n, err
}

// run starts the write-back of what was written since its last start, when
// asked: that range only, not the whole file again.
func (b *behindFile) run() {
	defer close(b.done)
	for range b.start {
		end := b.end.Load()
		if unix.SyncFileRange(b.fd, b.from, end-b.from, unix.SYNC_FILE_RANGE_WRITE) == nil { // a hint: its error changes nothing
			b.started++
		}
		b.from = end
	}
}

func (b *behindFile) stop() {
	close(b.start)
	<-b.done
}
