package main

import (
	"time"

	"charm.land/fang/v2"
)

func fangStyles() fang.Styles { return fang.Styles{} }

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
