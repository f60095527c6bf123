package html

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/digint/digint/assessment/safe"
)

// clean strips what has no business in a page's text: control characters
// (line breaks and tabs stay) and the invisible marks that reorder what
// follows (bidi embeddings, overrides, isolates). html/template escapes
// the rest.
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\t' || !unsafeRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsClean(s string) bool {
	for _, r := range s {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

func unsafeRune(r rune) bool { return r == utf8.RuneError || safe.Unsafe(r) }

// cleaned is a deep copy of v with every string cleaned, so no field of the
// model can be forgotten and the caller's model (and bank) stay as they are.
func cleaned(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		return reflect.ValueOf(clean(v.String())).Convert(v.Type())
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type().Elem())
		n.Elem().Set(cleaned(v.Elem()))
		return n
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			n.Index(i).Set(cleaned(v.Index(i)))
		}
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		n.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n.Field(i).Set(cleaned(v.Field(i)))
			}
		}
		return n
	}
	return v
}

// dirty reports whether any string reachable from v needs cleaning: the
// common case, none, costs one walk and no copy.
func dirty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return needsClean(v.String())
	case reflect.Pointer:
		return !v.IsNil() && dirty(v.Elem())
	case reflect.Slice:
		for i := range v.Len() {
			if dirty(v.Index(i)) {
				return true
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && dirty(v.Field(i)) {
				return true
			}
		}
	}
	return false
}

// cleanModel is m, or a cleaned copy of it when something needs cleaning.
func cleanModel[T any](m T) T {
	v := reflect.ValueOf(m)
	if !dirty(v) {
		return m
	}
	return cleaned(v).Interface().(T)
}
