package collections

import (
	"hash/maphash"
	"math/bits"
)

// The hash table under Map and Set: a Swiss table in the style of Abseil's
// and of the Go runtime's own maps since Go 1.24, kept small.
//
// Slots come in groups of eight. Each group has a control word, one byte
// per slot: 0x00 empty, 0x01 deleted (a tombstone), 0x80|h2 full, where h2
// is 7 bits of the key's hash. Zeroed memory is therefore an empty table,
// so a fresh or recycled array needs no initialisation pass. A lookup
// hashes the key once, uses the high bits (h1) to pick the first group and
// the low 7 bits (h2) to test all eight control bytes at once with
// word-wide arithmetic (SWAR; portable Go, no assembly), compares keys only
// where the control byte matches, and stops at the first group that has
// an empty slot. Groups are probed quadratically (offsets 1, 3, 6, ...),
// which visits every group of a power-of-two table.
//
// At most 7/8 of the slots are ever used (counting tombstones), so every
// probe ends. When no room is left the table is rebuilt into a new array,
// twice as large if live entries fill more than half of it, the same size
// otherwise (which clears the tombstones); that new array is the only
// allocation, and it goes through obtain like every other container's.

const (
	groupSlots = 8
	ctrlEmpty  = 0x00
	ctrlTomb   = 0x01
	ctrlFull   = 0x80
	lsbs       = 0x0101010101010101
	msbs       = 0x8080808080808080
)

type slot[K comparable, V any] struct {
	key K
	val V
}

type group[K comparable, V any] struct {
	ctrl  ctrlWord
	slots [groupSlots]slot[K, V]
}

// ctrlWord holds a group's eight control bytes, slot i in byte i.
type ctrlWord uint64

// bitset has bit 7 of byte i set for each slot i selected.
type bitset uint64

// matchH2 selects the slots whose control byte is h2 (which has ctrlFull
// set). It may also select a few other full slots (the zero-byte trick's
// borrow can flag a byte above a true match), never an empty or deleted
// one: callers compare keys anyway.
func (c ctrlWord) matchH2(h2 uint8) bitset {
	v := uint64(c) ^ (lsbs * uint64(h2))
	return bitset((v - lsbs) &^ v & msbs)
}

// hasEmpty reports whether some slot is empty (exact, unlike the set of
// slots the zero-byte trick selects).
func (c ctrlWord) hasEmpty() bool {
	v := uint64(c)
	return (v-lsbs)&^v&msbs != 0
}

// matchFree selects the empty and deleted slots, exactly.
func (c ctrlWord) matchFree() bitset { return bitset(^uint64(c) & msbs) }

func (c ctrlWord) get(i int) uint8 { return uint8(c >> (8 * i)) }

func (c *ctrlWord) set(i int, b uint8) {
	*c = *c&^(0xff<<(8*i)) | ctrlWord(b)<<(8*i)
}

func (b bitset) first() int        { return bits.TrailingZeros64(uint64(b)) >> 3 }
func (b bitset) dropFirst() bitset { return b & (b - 1) }

// split returns the start group (h1) and the control byte (h2) of hash h.
func split(h uint64, mask uint) (uint, uint8) {
	return uint(h>>7) & mask, uint8(h) | ctrlFull
}

// table is the state Map keeps; it knows nothing of budgets.
type table[K comparable, V any] struct {
	groups []group[K, V] // len is a power of two, or 0
	count  int           // live entries
	left   int           // inserts into empty slots before a rebuild
	seed   maphash.Seed
}

// maxLoad returns how many slots of n groups may be used.
func maxLoad(groups int) int { return groups * (groupSlots - 1) }

// groupsFor returns the power-of-two number of groups that holds n
// entries, or false when that cannot be represented.
func groupsFor(n int) (int, bool) {
	g := 1
	for maxLoad(g) < n {
		if g > int(^uint(0)>>1)/(2*groupSlots) {
			return 0, false
		}
		g *= 2
	}
	return g, true
}

func (t *table[K, V]) hash(k K) uint64 { return maphash.Comparable(t.seed, k) }

// locate returns the slot holding k, or nil. It hashes k itself (one call
// fewer on the lookup path), takes the Map and returns one pointer: all
// that keeps Get small enough to inline.
func (m *Map[K, V]) locate(k K) *slot[K, V] {
	t := &m.t
	if len(t.groups) == 0 {
		return nil
	}
	h := maphash.Comparable(t.seed, k)
	mask := uint(len(t.groups) - 1)
	g, h2 := split(h, mask)
	for step := uint(1); ; step++ {
		grp := &t.groups[g]
		for m := grp.ctrl.matchH2(h2); m != 0; m = m.dropFirst() {
			if s := &grp.slots[m.first()]; s.key == k {
				return s
			}
		}
		if grp.ctrl.hasEmpty() {
			return nil
		}
		g = (g + step) & mask
	}
}

// freeSlot returns the first free slot on the probe path of hash h, for a
// key known to be absent.
func (t *table[K, V]) freeSlot(h uint64) (*group[K, V], int) {
	mask := uint(len(t.groups) - 1)
	g, _ := split(h, mask)
	for step := uint(1); ; step++ {
		grp := &t.groups[g]
		if free := grp.ctrl.matchFree(); free != 0 {
			return grp, free.first()
		}
		g = (g + step) & mask
	}
}

// findOrFree returns k's hash and, when k is present (found), the group
// and index of its slot; otherwise those of the first free slot on k's
// probe path, where k goes.
func (t *table[K, V]) findOrFree(k K) (h uint64, grp *group[K, V], i int, found bool) {
	h = maphash.Comparable(t.seed, k)
	mask := uint(len(t.groups) - 1)
	g, h2 := split(h, mask)
	for step := uint(1); ; step++ {
		cur := &t.groups[g]
		for m := cur.ctrl.matchH2(h2); m != 0; m = m.dropFirst() {
			if j := m.first(); cur.slots[j].key == k {
				return h, cur, j, true
			}
		}
		if grp == nil {
			if free := cur.ctrl.matchFree(); free != 0 {
				grp, i = cur, free.first()
			}
		}
		if cur.ctrl.hasEmpty() {
			return h, grp, i, false
		}
		g = (g + step) & mask
	}
}

// put stores k, v in the free slot i of grp. It reports false, changing
// nothing, when the slot is empty (not a tombstone) and no room is left.
func (t *table[K, V]) put(grp *group[K, V], i int, k K, v V, h uint64) bool {
	if grp.ctrl.get(i) == ctrlEmpty {
		if t.left == 0 {
			return false
		}
		t.left--
	}
	grp.ctrl.set(i, uint8(h)|ctrlFull)
	grp.slots[i] = slot[K, V]{k, v}
	t.count++
	return true
}

// moveFrom inserts every entry of old into t, which has room for them and
// holds none of their keys.
func (t *table[K, V]) moveFrom(old []group[K, V]) {
	for gi := range old {
		grp := &old[gi]
		for i := range groupSlots {
			if grp.ctrl.get(i)&ctrlFull != 0 {
				s := &grp.slots[i]
				h := t.hash(s.key)
				dst, j := t.freeSlot(h)
				t.put(dst, j, s.key, s.val, h)
			}
		}
	}
}

// remove empties the slot i of grp. A slot can become empty again only if
// its group has an empty slot: then no probe ever went past the group, so
// no key further along depends on this slot being taken. Otherwise it
// becomes a tombstone.
func (t *table[K, V]) remove(grp *group[K, V], i int) {
	if grp.ctrl.hasEmpty() {
		grp.ctrl.set(i, ctrlEmpty)
		t.left++
	} else {
		grp.ctrl.set(i, ctrlTomb)
	}
	grp.slots[i] = slot[K, V]{} // drop references for the GC
	t.count--
}
