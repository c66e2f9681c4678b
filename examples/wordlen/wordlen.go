// Package wordlen indexes the words of a text under a memory budget: the
// task of a service that must fail one request, not the process, when a
// hostile input is too large. Every function is strict; its containers
// grow only through the Try methods of package collections, which return
// an error when the budget refuses.
//
//fallible:strict
package wordlen

import "github.com/nofallalloc/nofallalloc/collections"

// Index holds the offset of every word and the number of words of each
// length. Its zero value is empty and draws from collections.Default; use
// SetBudget to charge a task's budget instead.
type Index struct {
	Offsets collections.Vec[int]
	ByLen   collections.Map[int, int]
}

// SetBudget charges the index's growth to b.
func (x *Index) SetBudget(b *collections.Budget) {
	x.Offsets.SetBudget(b)
	x.ByLen.SetBudget(b)
}

// Add indexes the space-separated words of text. When the budget refuses,
// it returns the *collections.AllocError and the index keeps the words
// before the one that did not fit.
func (x *Index) Add(text []byte) error {
	start := -1
	for i, c := range text {
		switch {
		case c != ' ' && start < 0:
			start = i
		case c == ' ' && start >= 0:
			if err := x.word(start, i); err != nil {
				return err
			}
			start = -1
		}
	}
	if start >= 0 {
		return x.word(start, len(text))
	}
	return nil
}

func (x *Index) word(start, end int) error {
	if _, err := x.Offsets.TryPush(start); err != nil {
		return err
	}
	n, _ := x.ByLen.Get(end - start)
	if _, _, err := x.ByLen.TryInsert(end-start, n+1); err != nil {
		x.Offsets.Pop() // keep the two consistent
		return err
	}
	return nil
}

// AddFirst indexes only the first word, with the infallible twin of
// TryPush: the analyzer reports it, since Push panics when the budget
// refuses and only a task boundary (collections.RunTask) can recover.
func (x *Index) AddFirst(text []byte) {
	x.Offsets.Push(0)
}
