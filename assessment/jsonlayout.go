package assessment

// The layout of an exported document: an object or list that holds an
// object is written a member per line, indented by two spaces a level;
// any other (an answer, a score, a reason) is written on one line. A
// document is read one answer per line, and is a third smaller than fully
// indented JSON.

// layOut appends src, compact JSON as encoding/json writes it, in the
// layout; its lines start with prefix and depth levels of indentation.
func layOut(b, src []byte, prefix string, depth int) []byte {
	expand := containersWithObjects(src)
	inline := 0 // > 0: the depth from which everything is on one line
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			b = append(b, src[i:end]...)
			i = end - 1
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				b = append(b, c, src[i+1]) // empty: {} or []
				i++
				continue
			}
			b = append(b, c)
			depth++
			if inline == 0 && !expand[i] {
				inline = depth
			}
			if inline == 0 {
				b = appendLineStart(b, prefix, depth)
			}
		case '}', ']':
			depth--
			if inline == 0 {
				b = appendLineStart(b, prefix, depth)
			}
			b = append(b, c)
			if depth < inline {
				inline = 0
			}
		case ',':
			b = append(b, ',')
			if inline > 0 {
				b = append(b, ' ')
			} else {
				b = appendLineStart(b, prefix, depth)
			}
		case ':':
			b = append(b, ':', ' ')
		default:
			b = append(b, c)
		}
	}
	return b
}

// containersWithObjects tells, by the offset of its opening bracket, each
// object or list of src that holds an object.
func containersWithObjects(src []byte) map[int]bool {
	with := map[int]bool{}
	var open []int
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			i = stringEnd(src, i) - 1
		case '{', '[':
			if src[i] == '{' {
				for _, o := range open {
					with[o] = true
				}
			}
			open = append(open, i)
		case '}', ']':
			open = open[:len(open)-1]
		}
	}
	return with
}

// stringEnd is the offset just past the string that starts at src[i].
func stringEnd(src []byte, i int) int {
	for i++; i < len(src) && src[i] != '"'; i++ {
		if src[i] == '\\' {
			i++
		}
	}
	return i + 1
}

func appendLineStart(b []byte, prefix string, depth int) []byte {
	b = append(b, '\n')
	b = append(b, prefix...)
	for range depth {
		b = append(b, "  "...)
	}
	return b
}
