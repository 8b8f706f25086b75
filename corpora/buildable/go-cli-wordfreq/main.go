package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

const sample = "go builds fast and go binaries are small so go ship them"

func main() {
	top := flag.Int("top", 3, "number of words to print")
	file := flag.String("file", "", "file to read instead of the built-in sample")
	flag.Parse()

	text := sample
	if *file != "" {
		data, err := os.ReadFile(*file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		text = string(data)
	}

	counts := map[string]int{}
	scanner := bufio.NewScanner(strings.NewReader(text))
	scanner.Split(bufio.ScanWords)
	for scanner.Scan() {
		counts[strings.ToLower(scanner.Text())]++
	}

	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	for i := 0; i < *top && i < len(words); i++ {
		fmt.Printf("%s=%d\n", words[i], counts[words[i]])
	}
}
