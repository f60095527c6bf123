//go:build ignore

// pngcheck fails unless a PNG has enough pixels that are not background:
// a screenshot of a page that rendered, not a blank one.
// Usage: go run .ci/pngcheck.go FILE MIN_SHARE_PERCENT
package main

import (
	"fmt"
	"image/png"
	"os"
	"strconv"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fail(err)
	}
	img, err := png.Decode(f)
	if err != nil {
		fail(err)
	}
	minShare, _ := strconv.ParseFloat(os.Args[2], 64)
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	br, bgc, bb, _ := bg.RGBA()
	ink, colours := 0, map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if diff(r, br)+diff(g, bgc)+diff(bl, bb) > 3*0x1000 {
				ink++
			}
			colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
		}
	}
	share := 100 * float64(ink) / float64(b.Dx()*b.Dy())
	fmt.Printf("%s: %dx%d, %.1f%% ink, %d colours\n", os.Args[1], b.Dx(), b.Dy(), share, len(colours))
	if share < minShare || len(colours) < 8 {
		fail(fmt.Errorf("looks blank"))
	}
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "pngcheck:", err)
	os.Exit(1)
}
