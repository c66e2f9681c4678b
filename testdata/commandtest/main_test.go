package main_test

import (
	"testing"

	main "example.com/commandtest"
)

//fallible:strict
func count(s []string) int { return main.Count(s) }

//fallible:strict
func record() { main.Record("x") }

func TestCount(t *testing.T) {
	record()
	if count(nil) != 0 {
		t.Fatal("count")
	}
}
