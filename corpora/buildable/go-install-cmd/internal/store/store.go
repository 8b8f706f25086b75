// Package store keeps key/value pairs parsed from "k=v" arguments.
package store

import (
	"fmt"
	"sort"
	"strings"
)

type Store map[string]string

func Parse(pairs []string) (Store, error) {
	s := Store{}
	for _, p := range pairs {
		key, value, ok := strings.Cut(p, "=")
		if !ok || key == "" {
			return nil, fmt.Errorf("not a key=value pair: %q", p)
		}
		s[key] = value
	}
	return s, nil
}

func (s Store) Keys() []string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
