// Command sharedcache is a GOCACHEPROG program that keeps the go command's
// build cache in a directory several machines share, standing in for the
// remote cache of a CI system in nofallalloc's tests and demonstrations.
//
// Usage:
//
//	GOCACHEPROG="sharedcache -remote DIR -local DIR" go vet ...
//
// Every entry the go command puts is written to the -remote directory, and
// every entry it gets is read from there. The go command reads a cached
// file from the local disk, at a path the program gives it, so the program
// keeps a copy of what it serves in its -local directory. Two go commands
// with different -local directories (and different GOCACHE) behind the same
// -remote directory behave as two machines with their own disks sharing one
// remote cache.
//
// The protocol, JSON messages over standard input and output, is documented
// in the go command's source, cmd/go/internal/cacheprog. This program keeps
// no index and evicts nothing: it is a demonstration, not a production
// cache (see docs/ci.md for those).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	remote := flag.String("remote", "", "shared `directory` that holds the cache entries")
	local := flag.String("local", "", "`directory` for the local copies the go command reads")
	flag.Parse()
	if *remote == "" || *local == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: sharedcache -remote DIR -local DIR (as GOCACHEPROG)")
		os.Exit(2)
	}
	s := store{remote: *remote, local: *local}
	if err := s.init(); err != nil {
		fmt.Fprintf(os.Stderr, "sharedcache: %v\n", err)
		os.Exit(1)
	}
	if err := serve(os.Stdin, os.Stdout, s); err != nil {
		fmt.Fprintf(os.Stderr, "sharedcache: %v\n", err)
		os.Exit(1)
	}
}
