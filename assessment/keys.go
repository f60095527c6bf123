package assessment

import (
	"cmp"
	"maps"
	"slices"
)

// sortedKeys gives a map's keys in order, for deterministic iteration.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	return slices.Sorted(maps.Keys(m))
}
