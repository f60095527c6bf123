package assessment

import "fmt"

// Carry moves the answers of an unfinished assessment to another version
// of its bank (the current one), so it goes on with what is asked now: an
// answer the new version takes stays as it is; an option renamed since
// (Option.Replaces) takes its new id. An answer that fits neither is an
// error naming the item: nothing is dropped silently. Completed
// assessments stay on the version they were answered on.
func Carry(to *Bank, answers []Answer) ([]Answer, error) {
	out := make([]Answer, 0, len(answers))
	for _, a := range answers {
		if it, ok := to.Item(a.Item); ok && a.Status == StatusAnswered && to.CheckAnswer(a) != nil {
			a.Value = it.renamed(a.Value)
		}
		if err := to.CheckAnswer(a); err != nil {
			return nil, fmt.Errorf("carry to bank %s %s: %w", to.ID, to.Version, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// renamed gives a value with option ids replaced by their new ones.
func (it *Item) renamed(v Value) Value {
	newID := func(id string) string {
		for _, o := range it.Options {
			for _, old := range o.Replaces {
				if old == id {
					return o.ID
				}
			}
		}
		return id
	}
	switch v.shape {
	case shapeString:
		return String(newID(v.str))
	case shapeList:
		l := make([]string, len(v.list))
		for i, id := range v.list {
			l[i] = newID(id)
		}
		return List(l)
	}
	return v
}
