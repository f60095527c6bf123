package report

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/digint/digint/assessment"
)

// Group is a workshop's report: the same parts as a person's, for the
// group, with the anonymity rule applied. Below assessment.MinGroup people
// it holds counts only (TooSmall): a median of one or two is their score.
type Group struct {
	Code, Title string
	Bank        assessment.BankRef
	BankTitle   string
	Assessments int
	Complete    int
	InProgress  int
	// OtherVersions: the workshop's assessments on other versions of the
	// questionnaire, not counted.
	OtherVersions int
	// UnfinishedLeftOut: assessments not finished yet, left out of a report
	// of the completed ones only.
	UnfinishedLeftOut int
	TooSmall          bool
	Roles             []RoleCount // roles of MinGroup people or more, in bank order
	OtherRoles        int         // people in roles too small to name
	Levels            []string
	Dimensions        []Label
	// TargetRole is the role whose targets are drawn (see targetRole).
	TargetRole Label
	// OwnTargets: the room holds more than one role, so the targets drawn
	// are not everyone's: each person's gap, and so the median gap that
	// ranks the group's gaps and plan, is against their own role's target.
	OwnTargets  bool
	Overall     *assessment.Stats
	Competences []GroupCompetence
	Gaps        []GroupCompetence // the largest median gaps (at most MaxGaps)
	Strengths   []GroupCompetence // median gap 0: most reach their target
	Matrix      []GroupRow
	Discuss     []Discussion
	// Modules are those that close someone's gap, by priority: the first
	// MaxGroupModules (TopModules) shown in full, the rest (MoreModules)
	// only named.
	Modules []GroupModule
	ByRole  []RoleBreakdown
	// Withheld: some competence's figure is "–", given by fewer than
	// assessment.MinGroup people (or nobody); pages say why.
	Withheld bool
	Progress *GroupProgress
	Plan     *Plan // the facilitator's group plan, when one was made
	// Closed: the facilitator closed the workshop; it takes no answers.
	Closed bool
}

// MaxGroupModules is how many modules a group report shows in full:
// twice a person's recommendation, for a room of several roles.
const MaxGroupModules = 2 * MaxModules

// TopModules are the modules shown in full.
func (g *Group) TopModules() []GroupModule { return g.Modules[:g.FirstMore()] }

// MoreModules are the modules past those, only named, by priority.
func (g *Group) MoreModules() []GroupModule { return g.Modules[g.FirstMore():] }

// FirstMore is the index in Modules where those only named begin
// (len(Modules) when there are none): a face listing all of them says
// there that the rest are also useful, by priority.
func (g *Group) FirstMore() int { return min(MaxGroupModules, len(g.Modules)) }

type RoleCount struct {
	Label
	N int
}

// GroupCompetence: the median score with its min–max band, the median gap,
// and the target of the TargetRole.
type GroupCompetence struct {
	Label
	Score  *assessment.Stats
	Gap    *assessment.Stats
	Target float64
}

type GroupRow struct {
	Section Label
	// Pursued: how many people's results hold the section, by the rule of
	// a person's report (assessment.Bank.Pursued): all but those whose
	// gate says no or not applicable, so also those who answered "don't
	// know" or have not reached the gate yet. Faces say "in the results
	// of N", not that N said they pursue it.
	Pursued int
	Index   *assessment.Stats
	Cells   []GroupCell
}

// GroupCell is a matrix cell: the median and its maturity level.
type GroupCell struct {
	Score *assessment.Stats
	Level Level
}

// Discussion is an item the group disagrees on, with how it answered.
type Discussion struct {
	Item         Label
	Section      string
	Spread       float64
	Answered     int
	NA, Unknown  int
	Distribution []Count
	Score        *assessment.Stats // 0–100: what a ratio, worked out from two counts, has instead
}

type Count struct {
	Label string
	N     int
}

type GroupModule struct {
	Label
	Course, Role, Partner string
	Priority              float64
	Participants          int
}

type RoleBreakdown struct {
	Role        Label
	N           int
	Overall     *assessment.Stats // N and Median only, as in Competences
	Competences []GroupCompetence
}

// GroupProgress is how the medians moved since an earlier workshop.
type GroupProgress struct {
	Code        string
	Overall     *assessment.Delta
	Competences []Change
	Sections    []Change
}

// BuildGroup makes the group report from the aggregates (b translated to
// the reader's language). earlier, when set, is an earlier workshop's.
func BuildGroup(b *assessment.Bank, code, title string, g assessment.GroupReport, earlier *assessment.GroupReport, earlierCode string) Group {
	out := Group{Code: code, Title: title, Bank: assessment.BankRef{ID: b.ID, Version: b.Version}, BankTitle: b.Title,
		Assessments: g.Assessments, Complete: g.Complete, InProgress: g.InProgress, OtherVersions: g.OtherVersions, UnfinishedLeftOut: g.UnfinishedLeftOut,
		TooSmall: g.Assessments < assessment.MinGroup, Levels: b.Scales.Maturity}
	for _, d := range b.Dimensions {
		out.Dimensions = append(out.Dimensions, Label{d.ID, d.Title})
	}
	out.TargetRole, out.OwnTargets = targetRole(b, g.Roles)
	for _, r := range b.Roles {
		n := g.Roles[r.ID]
		if n >= assessment.MinGroup {
			out.Roles = append(out.Roles, RoleCount{Label{r.ID, r.Title}, n})
		} else {
			out.OtherRoles += n
		}
	}
	if out.TooSmall {
		return out
	}
	out.Overall = g.Overall
	role, _ := b.Role(out.TargetRole.ID)
	out.Competences = groupCompetences(b, g.Competences, role)
	out.Gaps, out.Strengths = groupGapsAndStrengths(out.Competences)
	out.Matrix = groupMatrix(b, g.Sections)
	out.Discuss = discussions(b, g)
	out.Modules = groupModules(b, g.Modules)
	for _, rg := range g.ByRole {
		ro, _ := b.Role(rg.Role)
		var comps []assessment.GroupTarget
		for _, c := range rg.Competences {
			comps = append(comps, assessment.GroupTarget{GroupCompetence: assessment.GroupCompetence{ID: c.ID, Score: medianStats(c.Score), Gap: medianStats(c.Gap)}})
		}
		out.ByRole = append(out.ByRole, RoleBreakdown{Role: Label{rg.Role, roleTitle(b, rg.Role)}, N: rg.N,
			Overall: medianStats(rg.Overall), Competences: groupCompetences(b, comps, ro)})
	}
	if earlier != nil {
		out.Progress = groupProgress(b, assessment.CompareGroups(*earlier, g), earlierCode)
	}
	out.Withheld = withheld(out)
	return out
}

// targetRole is the role whose targets a group's radar draws: the one of
// most people; between roles of as many people, the first in the bank's
// list of roles (trainer, manager, policy), so a tie never depends on who
// came first. several tells whether people of other roles are present.
func targetRole(b *assessment.Bank, counts map[string]int) (role Label, several bool) {
	largest, present := 0, 0
	for _, r := range b.Roles {
		n := counts[r.ID]
		if n > 0 {
			present++
		}
		if n > largest {
			largest, role = n, Label{r.ID, r.Title}
		}
	}
	return role, present > 1
}

// medianStats holds a role's median as Stats, its Min and Max unset: a
// role breakdown shows medians only.
func medianStats(m *assessment.Median) *assessment.Stats {
	if m == nil {
		return nil
	}
	return &assessment.Stats{N: m.N, Median: m.Median}
}

// withheld tells whether a competence's figure is missing, overall or in
// a role's breakdown.
func withheld(g Group) bool {
	missing := func(c GroupCompetence) bool { return c.Score == nil }
	if slices.ContainsFunc(g.Competences, missing) {
		return true
	}
	return slices.ContainsFunc(g.ByRole, func(r RoleBreakdown) bool { return slices.ContainsFunc(r.Competences, missing) })
}

func groupCompetences(b *assessment.Bank, comps []assessment.GroupTarget, role *assessment.Role) []GroupCompetence {
	var out []GroupCompetence
	for _, c := range comps {
		gc := GroupCompetence{Label: Label{c.ID, competenceTitle(b, c.ID)}, Score: c.Score, Gap: c.Gap}
		if role != nil {
			gc.Target = role.Targets[c.ID]
		}
		out = append(out, gc)
	}
	return out
}

func groupMatrix(b *assessment.Bank, sections []assessment.GroupSection) []GroupRow {
	var rows []GroupRow
	for _, s := range sections {
		sec, _ := b.Section(s.ID)
		row := GroupRow{Section: Label{s.ID, sec.Title}, Pursued: s.Pursued, Index: s.Index}
		for _, d := range b.Dimensions {
			c := GroupCell{Score: s.Dimensions[d.ID]}
			if c.Score != nil {
				c.Level = LevelOf(c.Score.Median, b.Scales.Maturity)
			}
			row.Cells = append(row.Cells, c)
		}
		rows = append(rows, row)
	}
	return rows
}

// discussions: the items to discuss, each with its distribution in the
// item's own words and order.
func discussions(b *assessment.Bank, g assessment.GroupReport) []Discussion {
	var out []Discussion
	for _, id := range g.Discuss {
		i := slices.IndexFunc(g.Items, func(s assessment.ItemSpread) bool { return s.Item == id })
		it, ok := b.Item(id)
		if i < 0 || !ok {
			continue
		}
		s := g.Items[i]
		sec, _ := b.Section(it.Section)
		d := Discussion{Item: Label{id, it.Text}, Section: sec.Title, Spread: s.Spread, Answered: s.Answered, NA: s.NA, Unknown: s.Unknown,
			Score: s.Score}
		for _, key := range valueKeys(b, it) {
			if n := s.Values[key]; n > 0 {
				d.Distribution = append(d.Distribution, Count{ValueLabel(b, it, key), n})
			}
		}
		out = append(out, d)
	}
	return out
}

// valueKeys are the keys a distribution counts, in the item's order.
func valueKeys(b *assessment.Bank, it *assessment.Item) []string {
	var keys []string
	switch it.Kind {
	case assessment.KindMaturity:
		for v := 0; v <= assessment.MaturityMax; v++ {
			keys = append(keys, strconv.Itoa(v))
		}
	case assessment.KindSelfRating:
		for v := assessment.SelfRatingMin; v <= assessment.SelfRatingMax; v++ {
			keys = append(keys, strconv.Itoa(v))
		}
	case assessment.KindYesNo:
		for _, o := range b.Scales.YesNo {
			keys = append(keys, o.ID)
		}
	default:
		for _, o := range it.Options {
			keys = append(keys, o.ID)
		}
	}
	return keys
}

// ValueLabel names one value of a distribution (a level, an option id)
// in the bank's words.
func ValueLabel(b *assessment.Bank, it *assessment.Item, key string) string {
	n, err := strconv.Atoi(key)
	switch {
	case it.Kind == assessment.KindMaturity && err == nil:
		return name(b.Scales.Maturity, n)
	case it.Kind == assessment.KindSelfRating && err == nil:
		return name(b.Scales.Proficiency, n-assessment.SelfRatingMin)
	case it.Kind == assessment.KindYesNo:
		return option(b.Scales.YesNo, key)
	}
	return option(it.Options, key)
}

func groupModules(b *assessment.Bank, mods []assessment.GroupModule) []GroupModule {
	byID := map[string]*assessment.Module{}
	for _, m := range b.Modules() {
		byID[m.ID] = m
	}
	courses := map[string]string{}
	for _, c := range b.Courses {
		courses[c.ID] = c.Title
	}
	var out []GroupModule
	for _, gm := range mods {
		m := GroupModule{Label: Label{gm.Module, gm.Module}, Course: courses[gm.Course], Role: roleTitle(b, gm.Role),
			Priority: gm.Priority, Participants: gm.Participants}
		if x := byID[gm.Module]; x != nil {
			m.Title, m.Partner = x.Title, x.Partner
		}
		out = append(out, m)
	}
	return out
}

func groupProgress(b *assessment.Bank, p assessment.GroupProgress, code string) *GroupProgress {
	out := &GroupProgress{Code: code, Overall: p.Overall}
	for _, c := range p.Competences {
		out.Competences = append(out.Competences, Change{Label: Label{c.ID, competenceTitle(b, c.ID)}, Delta: c.Score})
	}
	for _, s := range p.Sections {
		sec, _ := b.Section(s.ID)
		out.Sections = append(out.Sections, Change{Label: Label{s.ID, sec.Title}, Delta: s.Index})
	}
	return out
}

// groupGapsAndStrengths ranks by the median of each person's gap (against
// their own role's target), so a mixed group is measured fairly.
func groupGapsAndStrengths(comps []GroupCompetence) (gaps, strengths []GroupCompetence) {
	for _, c := range comps {
		switch {
		case c.Gap == nil || c.Score == nil:
		case c.Gap.Median > 0:
			gaps = append(gaps, c)
		default:
			strengths = append(strengths, c)
		}
	}
	slices.SortStableFunc(gaps, func(x, y GroupCompetence) int { return cmp.Compare(y.Gap.Median, x.Gap.Median) })
	slices.SortStableFunc(strengths, func(x, y GroupCompetence) int { return cmp.Compare(y.Score.Median, x.Score.Median) })
	return gaps[:min(MaxGaps, len(gaps))], strengths
}

// OtherRolesKey is the text for the people in roles too small to name:
// "in other roles" beside named ones, and without any, not "other" to
// anything.
func (g Group) OtherRolesKey() string {
	if len(g.Roles) == 0 {
		return "report.group.smallroles"
	}
	return "report.group.otherroles"
}
