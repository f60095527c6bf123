//go:build !linux

package storage

import "errors"

func setImmutable(path string, on bool) error { return errors.ErrUnsupported }
