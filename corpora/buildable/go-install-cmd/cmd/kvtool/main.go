package main

import (
	"fmt"
	"os"

	"example.com/kvtool/internal/store"
)

func main() {
	s, err := store.Parse(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "kvtool:", err)
		os.Exit(2)
	}
	for _, k := range s.Keys() {
		fmt.Printf("%-8s %s\n", k, s[k])
	}
	fmt.Printf("%d keys\n", len(s))
}
