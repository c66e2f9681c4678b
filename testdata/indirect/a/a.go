// Package a has a type whose methods are all clean, and one whose clean
// method sits beside one that allocates.
package a

type T struct{ n int }

func (t T) N() int { return t.n }

type U struct{ items []int }

func (u *U) Len() int { return len(u.items) }

func (u *U) Push(v int) { u.items = append(u.items, v) }
