package game

import (
	"net/url"
	"sort"
)

// The recap of an agent's commitment (issue 12): what the team's screen
// shows once the commitments are chosen, and the server's page that the
// screen's QR code opens (server/recap.go).

// MaxCommitmentODD bounds the goals a recap names for a commitment: the
// few its engagement's cards cite most, readable on a phone.
const MaxCommitmentODD = 3

// RecapPrefix is the path of the recap pages; RecapPath(id) is one
// commitment's. The address holds the commitment's id only: no name, no
// session, no token.
const RecapPrefix = "/engagement/"

// RecapPath is the recap page of commitment id.
func RecapPath(id string) string { return RecapPrefix + url.PathEscape(id) }

// CommitmentODD is the goals (ODD numbers) engagement n serves in deck d:
// those its cards cite, most cited first (ties by number), at most
// MaxCommitmentODD.
func CommitmentODD(d *Deck, n int) []int {
	if d == nil {
		return nil
	}
	count := map[int]int{}
	for _, c := range d.Cards {
		if c.Engagement != n {
			continue
		}
		for _, o := range c.ODD {
			if _, ok := SDGByNumber(o); ok {
				count[o]++
			}
		}
	}
	out := make([]int, 0, len(count))
	for o := range count {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	if len(out) > MaxCommitmentODD {
		out = out[:MaxCommitmentODD]
	}
	return out
}

// commitmentsWithODD is d's commitments, each with the goals it serves
// (computed once per session, sent with the commitments).
func commitmentsWithODD(d *Deck) []Commitment {
	out := make([]Commitment, len(d.Commitments))
	for i, c := range d.Commitments {
		c.ODD = CommitmentODD(d, c.Engagement)
		out[i] = c
	}
	return out
}
