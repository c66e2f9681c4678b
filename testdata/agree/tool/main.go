// Command tool is a main package that imports neither of the others: -agree
// ./... must compile them all with the escape log, not only the command.
package main

var sink []byte

func main() { sink = make([]byte, 8) }
