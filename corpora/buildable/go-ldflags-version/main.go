package main

import (
	"flag"
	"fmt"
	"runtime"
)

// Set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	short := flag.Bool("short", false, "print the version only")
	flag.Parse()
	if *short {
		fmt.Println(version)
		return
	}
	fmt.Printf("relinfo %s (%s/%s, %s)\n", version, runtime.GOOS, runtime.GOARCH, runtime.Version())
}
