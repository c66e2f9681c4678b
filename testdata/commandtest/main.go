// Command commandtest has an external test package that imports it: its
// functions' summaries must reach that package like any other's.
package main

import "fmt"

var names []string

// Count is clean.
func Count(s []string) int { return len(s) }

// Record appends.
func Record(name string) { names = append(names, name) }

func main() { fmt.Println(Count(names)) }
