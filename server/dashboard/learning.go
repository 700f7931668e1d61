package dashboard

import (
	"context"
	"sort"
	"sync"

	"metodd/server/store"
)

// The learning figures (good answers per card and per commitment) read
// every result of every closed session: the heaviest query of the
// dashboard. Results of closed sessions never change, so the figures are
// kept per campaign until a session of that campaign closes (its "closed
// version" changes), and computed in one pass over the results.

type sharesEntry struct {
	closed int
	last   int64
	cards  []store.Share // least known first
	engs   []store.Share // by commitment number
}

type sharesCache struct {
	mu sync.Mutex
	m  map[int64]sharesEntry
}

// shares returns a campaign's shares per card and per commitment.
func (h *Handler) shares(ctx context.Context, campaignID int64) (cards, engs []store.Share, err error) {
	closed, last, err := h.db.ClosedVersion(ctx, campaignID)
	if err != nil {
		return nil, nil, err
	}
	h.sharesCache.mu.Lock()
	e, ok := h.sharesCache.m[campaignID]
	h.sharesCache.mu.Unlock()
	if ok && e.closed == closed && e.last == last {
		return e.cards, e.engs, nil
	}
	rows, err := h.db.CardEngagementShares(ctx, campaignID)
	if err != nil {
		return nil, nil, err
	}
	e = sharesEntry{closed: closed, last: last}
	e.cards, e.engs = sumShares(rows)
	h.sharesCache.mu.Lock()
	if h.sharesCache.m == nil {
		h.sharesCache.m = map[int64]sharesEntry{}
	}
	h.sharesCache.m[campaignID] = e
	h.sharesCache.mu.Unlock()
	return e.cards, e.engs, nil
}

// sumShares folds (card, commitment) lines into per-card lines (least known
// first, as store.CardShares orders them) and per-commitment lines.
func sumShares(rows []store.Share) (cards, engs []store.Share) {
	byCard := map[string]*store.Share{}
	byEng := map[int]*store.Share{}
	for _, r := range rows {
		c := byCard[r.CardID]
		if c == nil {
			c = &store.Share{CardID: r.CardID, Engagement: r.Engagement}
			byCard[r.CardID] = c
		}
		c.Engagement = min(c.Engagement, r.Engagement)
		c.Total, c.Answered, c.Good = c.Total+r.Total, c.Answered+r.Answered, c.Good+r.Good
		e := byEng[r.Engagement]
		if e == nil {
			e = &store.Share{Engagement: r.Engagement}
			byEng[r.Engagement] = e
		}
		e.Total, e.Answered, e.Good = e.Total+r.Total, e.Answered+r.Answered, e.Good+r.Good
	}
	for _, c := range byCard {
		c.Percent = percent(c.Good, c.Total)
		cards = append(cards, *c)
	}
	for _, e := range byEng {
		e.Percent = percent(e.Good, e.Total)
		engs = append(engs, *e)
	}
	sort.Slice(cards, func(i, j int) bool {
		a, b := cards[i], cards[j]
		// a.Good/a.Total < b.Good/b.Total, without division.
		if x, y := a.Good*b.Total, b.Good*a.Total; x != y {
			return x < y
		}
		return a.CardID < b.CardID
	})
	sort.Slice(engs, func(i, j int) bool { return engs[i].Engagement < engs[j].Engagement })
	return cards, engs
}
