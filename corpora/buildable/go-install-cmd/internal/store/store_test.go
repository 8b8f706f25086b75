package store

import "testing"

func TestParseRejectsBarePairs(t *testing.T) {
	if _, err := Parse([]string{"novalue"}); err == nil {
		t.Fatal("expected an error for a pair without '='")
	}
}

func TestKeysSorted(t *testing.T) {
	s, _ := Parse([]string{"b=2", "a=1"})
	if got := s.Keys(); got[0] != "a" || got[1] != "b" {
		t.Fatalf("keys not sorted: %v", got)
	}
}
