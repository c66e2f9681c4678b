// Package effects is nofallalloc's allocation model and propagation engine.
//
// (The full model description is written with the engine.)
package effects
