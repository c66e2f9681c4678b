// Package annotations parses nofallalloc's //fallible: directives.
package annotations
