package ui

import (
	"fmt"
	"strconv"
	"strings"

	"metodd/game"
)

// One describe method per scene: what the screen shows, in its order, for
// the accessible mirror (mirror.go). Buttons click the rects the scene
// lays out, so the mirror and the canvas cannot disagree on what a button
// does.

func (h *homeScene) describe(a *App) mirrorDoc {
	l := h.layout(a)
	ns := []mirrorNode{
		mHeading(1, "title", appTitle),
		mText("subtitle", appSubtitle),
		mHeading(2, "join-title", msgJoinTitle),
		mText("join-help", msgJoinHelp),
		mField("code", h.code, "", l.joinBtn),
		mButton("join", msgJoinButton, l.joinBtn),
	}
	if h.err != "" {
		ns = append(ns, mText("err", h.err))
	}
	ns = append(ns,
		mHeading(2, "host-title", msgHostTitle),
		mText("host-help", msgHostHelp),
		mButton("host", msgHostButton, l.hostBtn))
	if a.opts.AskServer {
		ns = append(ns, mField("server", h.server, "", l.joinBtn))
	}
	ns = append(ns, mirrorNode{Kind: mirrorLink, Key: "a11y", Text: msgStatementLink, Label: a.statementURL()})
	return mirrorDoc{Nodes: ns}
}

func (s *loginScene) describe(a *App) mirrorDoc {
	l := s.layout(a)
	pw := mField("password", s.password, "", l.submit)
	pw.Mask = true
	ns := []mirrorNode{
		mHeading(1, "title", msgLoginTitle),
		mField("login", s.login, "", l.submit),
		pw,
	}
	if s.err != "" {
		ns = append(ns, mText("err", s.err))
	}
	return mirrorDoc{Nodes: append(ns, mButton("back", msgBack, l.back), mButton("submit", msgLoginButton, l.submit))}
}

func (s *teamSetupScene) describe(a *App) mirrorDoc {
	if s.pick.open {
		// The sheet over the whole screen: its options as buttons.
		pl := s.pickLayout(a)
		opts := s.dirOptions()
		var kids []mirrorNode
		for i, r := range pl.rows {
			kids = append(kids, mButton("dir-opt-"+strconv.Itoa(pl.first+i), opts[pl.first+i], r))
		}
		kids = append(kids, mButton("dir-shut", msgDirPickerClose, pl.shut))
		return mirrorDoc{Nodes: []mirrorNode{mHeading(1, "title", msgDirPickerTitle), mGroup("dir-sheet", msgDirPickerTitle, kids...)}}
	}
	l := s.layout(a)
	m := s.members[s.sel]
	ns := []mirrorNode{
		mHeading(1, "title", msgTeamTitle),
		mText("code", fmt.Sprintf(msgSessionCode, s.code)),
	}
	if s.err != "" {
		ns = append(ns, mText("err", s.err))
	}
	ns = append(ns, mField("name", s.name, "", l.submit))
	if len(l.choices) > 0 {
		var kids []mirrorNode
		for i, r := range l.choices {
			if i < len(s.teams) {
				kids = append(kids, mButton("team-"+strconv.Itoa(i), s.teams[i], r))
			}
		}
		ns = append(ns, mGroup("teams", msgExistingTeams, kids...))
	}
	var colors []mirrorNode
	for i, r := range l.swatches {
		colors = append(colors, mToggle("color-"+strconv.Itoa(i), teamPalette[i].Name, i == s.color, r))
	}
	if len(colors) > 0 { // none when joining a team in play: its colour is set
		ns = append(ns, mGroup("colors", msgColorLabel, colors...))
	}
	var rows []mirrorNode
	for i, r := range l.memberRows {
		label := s.members[i].title()
		if !s.members[i].complete() {
			label += " (" + msgMemberIncomplete + ")"
		}
		rows = append(rows, mToggle("member-"+strconv.Itoa(i), fmt.Sprintf(msgMemberRow, i+1, label), i == s.sel, r))
	}
	if len(s.members) < s.memberLimit() {
		rows = append(rows, mButton("add", msgAddMember, l.add))
	}
	membersLabel := fmt.Sprintf(msgMembersLabel, len(s.members), s.memberLimit())
	if s.plenary {
		membersLabel = msgPlenaryMember
	}
	ns = append(ns, mGroup("members", membersLabel, rows...))
	ns = append(ns, mField("first", m.first, "", l.submit), mField("last", m.last, "", l.submit))
	var colls []mirrorNode
	for i, r := range l.collCells {
		colls = append(colls, mToggle("coll-"+strconv.Itoa(i), game.Collectivites[i], i == m.coll, r))
	}
	ns = append(ns, mGroup("coll", msgCollectiviteLabel, colls...))
	if s.picking() {
		// The picker as a select: « Choisir… » first, the list, « Autre ».
		opts := append([]string{msgDirChoose}, s.dirOptions()...)
		pick := mSelect("dir-pick", msgDirectionMemberLabel, opts, s.dirIndex(m)+1, func(i int) {
			if i > 0 {
				s.chooseDir(a, i-1)
			}
		})
		pick.at = []rect{a.dirBox(l.dir)} // the closed picker's box (data-at)
		ns = append(ns, pick)
		if m.dirOther {
			ns = append(ns, mField("dir", m.dir, "", l.submit))
		}
	} else {
		ns = append(ns, mField("dir", m.dir, "", l.submit))
	}
	var cats []mirrorNode
	for i, r := range l.catCells {
		name := msgCategoryNone
		if i > 0 {
			name = game.Categories[i-1]
		}
		cats = append(cats, mToggle("cat-"+strconv.Itoa(i), name, i == m.cat, r))
	}
	ns = append(ns, mGroup("cat", msgCategoryLabel, cats...))
	if len(s.members) > 1 {
		ns = append(ns, mButton("remove", msgRemoveMember, l.remove))
	}
	ns = append(ns, mText("privacy", privacyText(s.year)), mButton("submit", msgJoinGame, l.submit))
	return mirrorDoc{Nodes: ns}
}

func (s *teamScene) describe(a *App) mirrorDoc {
	v := s.view
	sc := fmt.Sprintf(msgPoints, formatInt(v.Score))
	if v.Rank > 0 {
		sc = rankOf(v.Rank, v.Teams) + " · " + sc
	}
	d := mirrorDoc{Nodes: []mirrorNode{mHeading(1, "title", v.TeamName), mText("score", sc), a.mSound(soundTeam, s.layout(a).sound)}}
	add := func(ns ...mirrorNode) { d.Nodes = append(d.Nodes, ns...) }
	home := s.homeButton(a)
	if s.removed() {
		add(mHeading(2, "msg", msgRemoved), mText("help", msgRemovedHelp))
		back, other := s.removedButtons(a)
		if _, token := s.comeBackToken(a); token != "" {
			add(mButton("back", msgComeBack, back))
		}
		add(mButton("other", msgRejoinOther, other))
		return d
	}
	if st, reason := s.conn.State(); st == ConnClosed && !v.Session.Phase.Over() {
		add(mHeading(2, "msg", msgConnClosed), mText("reason", reason), mButton("home", msgHome, home))
		return d
	}
	switch v.Session.Phase {
	case game.PhaseLobby:
		add(mHeading(2, "msg", fmt.Sprintf(msgWaitTitle, v.TeamName)), mText("help", msgWaitHelp))
		var who []string
		for _, m := range v.Members {
			w := m.FirstName + " " + m.LastName + " — " + m.Collectivite
			if m.Direction != "" {
				w += ", " + m.Direction
			}
			who = append(who, w)
		}
		add(mirrorNode{Kind: mirrorList, Key: "members", Items: who}, mText("teams", countOf(v.Teams, nounConnected)))
	case game.PhaseCardOpen, game.PhaseCardClosed:
		s.describeCard(a, &d)
	case game.PhaseRevealed:
		s.describeReveal(&d)
	case game.PhaseLeaderboard, game.PhasePodium, game.PhaseDebrief:
		title := msgLeaderboard
		switch v.Session.Phase {
		case game.PhasePodium:
			title = msgPodium
		case game.PhaseDebrief:
			title = msgDebrief
		}
		var rows []string
		for _, st := range v.Leaderboard {
			rows = append(rows, fmt.Sprintf("%s · %s · %s", rankText(st.Rank), st.Name, fmt.Sprintf(msgPoints, formatInt(st.Score))))
		}
		add(mHeading(2, "msg", title), mText("rank", fmt.Sprintf(msgYourRank, rankOf(v.Rank, v.Teams), formatInt(v.Score))),
			mirrorNode{Kind: mirrorList, Key: "standings", Items: rows},
			mText("gauge", msgGauge+"\u00a0: "+fmt.Sprintf(msgGaugeDetail, v.Gauge.Percent, v.Gauge.Good, v.Gauge.Total)),
			mText("look", msgLookScreen))
	case game.PhaseCommitments:
		s.describeCommit(a, &d)
	case game.PhaseClosed:
		if s.recapOpen {
			add(mHeading(2, "msg", msgCommitTitle))
			s.describeRecap(a, &d)
			add(mButton("recap-back", msgRecapBack, s.recapBackButton(a)))
			break
		}
		add(mHeading(2, "msg", msgThanks), mText("final", fmt.Sprintf(msgFinalScore, formatInt(v.Score), rankOf(v.Rank, v.Teams))))
		if v.Campaign != nil {
			add(mText("campaign", fmt.Sprintf(msgCampaign, v.Campaign.Year, formatInt(v.Campaign.Count), formatInt(v.Campaign.Goal))))
		}
		if r := s.recapAgainButton(a); r.W > 0 {
			add(mButton("recap-again", s.recapAgainLabel(), r))
		}
		add(mButton("home", msgHome, home))
	case game.PhaseEnded:
		add(mHeading(2, "msg", msgEndedEarly), mText("final", fmt.Sprintf(msgFinalScore, formatInt(v.Score), rankOf(v.Rank, v.Teams))), mButton("home", msgHome, home))
	default:
		add(mText("look", msgLookScreen))
	}
	return d
}

// describeCard: the question, then the answer widgets of its type, or the
// answer given.
func (s *teamScene) describeCard(a *App, d *mirrorDoc) {
	v := s.view
	card := v.Card
	if card == nil {
		d.Nodes = append(d.Nodes, mText("look", msgLookScreen))
		return
	}
	add := func(ns ...mirrorNode) { d.Nodes = append(d.Nodes, ns...) }
	l := s.cardLayout(a, s.scrolledBody(a, s.layout(a).body))
	closed := v.Session.Phase == game.PhaseCardClosed
	locked := closed || s.answered() || v.Session.Paused
	add(mText("card", fmt.Sprintf(msgCardOf, v.Session.CardIndex, v.Session.CardCount)+" · "+typeLabel(card.Type)))
	if v.Session.Phase == game.PhaseCardOpen {
		secs := secondsLeft(v.Clock.Remaining, s.viewAt, a.now(), v.Session.Paused)
		add(mirrorNode{Kind: mirrorTimer, Key: "timer", Text: fmt.Sprintf(msgTimerLeft, secs)})
		d.Announce = timerAnnounce(secs, v.Session.Paused)
	}
	add(mHeading(2, "prompt-"+card.ID, card.Prompt))
	switch {
	case v.Session.Paused:
		add(mText("state", msgPaused))
	case closed:
		add(mText("state", msgWaitReveal))
	case s.answered():
		add(mText("state", msgSent))
	case s.ansErr != "":
		add(mText("state", s.ansErr))
	}
	if locked {
		if card.Type == game.TypeQCM || card.Type == game.TypeVraiFaux || s.view.Answer != nil {
			add(mText("answer", fmt.Sprintf(msgYourAnswer, answerText(card, v.Answer))))
		}
		return
	}
	switch card.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		var kids []mirrorNode
		for i, r := range s.choiceCells(a, l.answer, card) {
			kids = append(kids, mButton("choice-"+strconv.Itoa(i), fmt.Sprintf(msgChoiceLabel, 'A'+i, card.Choices[i]), r))
		}
		add(mGroup("choices", msgChoicesGroup, kids...))
	case game.TypeEstimation:
		field, btn := s.estimateLayout(l.answer)
		_ = field
		label := msgEstimateLabel
		if card.Unit != "" {
			label += " (" + fmt.Sprintf(msgEstimateUnit, card.Unit) + ")"
		}
		add(mField("number", s.number, label, btn))
		if n, err := parseNumber(s.number.text()); err == nil {
			add(mText("preview", fmt.Sprintf(msgEstimateSeen, strings.TrimSpace(formatNumber(n)+" "+card.Unit))))
		}
		add(mButton("send", msgValidate, btn))
	case game.TypeClassement:
		rows, ups, downs, btn := s.classementLayout(l.answer, len(s.order))
		add(mText("help", msgClassementHelp))
		for i := range rows {
			item := card.Items[s.order[i]]
			key := strconv.Itoa(s.order[i])
			up := mButton("up-"+key, fmt.Sprintf(msgMoveUp, item), ups[i])
			up.Disabled = i == 0
			down := mButton("down-"+key, fmt.Sprintf(msgMoveDown, item), downs[i])
			down.Disabled = i == len(rows)-1
			add(mGroup("row-"+key, fmt.Sprintf(msgRowAt, i+1, item), up, down))
		}
		add(mButton("send", msgValidateOrder, btn))
	case game.TypeAssociation:
		items, groups, btn := s.associationLayout(l.answer, len(card.Items), len(card.Groups))
		for i, it := range card.Items {
			in := msgGroupNone
			if g := s.groups[i]; g >= 0 && g < len(card.Groups) {
				in = card.Groups[g]
			}
			var kids []mirrorNode
			for g, gr := range groups {
				kids = append(kids, mToggle(fmt.Sprintf("item-%d-%d", i, g), card.Groups[g], s.groups[i] == g, items[i], gr))
			}
			add(mGroup("item-"+strconv.Itoa(i), fmt.Sprintf(msgPutIn, it, in), kids...))
		}
		add(mButton("send", msgValidate, btn))
	case game.TypeDefi:
		_, btn := s.defiLayout(l.answer)
		add(mField("defi", s.defi, "", btn), mButton("send", msgDefiSend, btn))
	}
}

// timerAnnounce says the countdown's milestones only, so a screen reader
// is not interrupted every second.
func timerAnnounce(secs int, paused bool) string {
	switch {
	case paused:
		return msgPaused
	case secs <= 0:
		return msgTimeUpSay
	case secs <= 10:
		return fmt.Sprintf(msgTimerSoon, 10)
	case secs <= 30:
		return fmt.Sprintf(msgTimerSoon, 30)
	}
	return ""
}

func (s *teamScene) describeReveal(d *mirrorDoc) {
	v := s.view
	card := v.Card
	add := func(ns ...mirrorNode) { d.Nodes = append(d.Nodes, ns...) }
	if card == nil || card.Solution == nil {
		add(mText("look", msgLookScreen))
		return
	}
	title := msgNoAnswer
	res := v.Result
	if res != nil && res.Answered {
		switch {
		case res.Good:
			title = msgGood
		case res.Points > 0:
			title = msgPartial
		default:
			title = msgBadAnswer
		}
	}
	add(mHeading(2, "result", title))
	say := title
	if res != nil {
		pts := fmt.Sprintf(msgPointsWon, formatInt(res.Total))
		say += " " + pts
		add(mText("points", pts))
		if res.Bonus > 0 {
			add(mText("bonus", fmt.Sprintf(msgBonusClosest, res.Bonus)))
		}
		if res.Streak > 0 {
			add(mText("streak", fmt.Sprintf(msgBonusStreak, res.Streak)))
		}
	}
	d.Announce = fmt.Sprintf(msgCardOf, v.Session.CardIndex, v.Session.CardCount) + "\u00a0: " + say
	add(mText("rank", fmt.Sprintf(msgYourRank, rankOf(v.Rank, v.Teams), formatInt(v.Score))),
		mText("answer", fmt.Sprintf(msgYourAnswer, answerText(card, v.Answer))),
		mHeading(2, "prompt-"+card.ID, card.Prompt))
	solTitle, body := solutionText(card)
	add(mHeading(3, "sol-title", solTitle))
	for i, line := range strings.Split(body, "\n") {
		add(mText("sol-"+strconv.Itoa(i), line))
	}
	add(mHeading(3, "know", msgDidYouKnow), mText("explanation", card.Solution.Explanation), mText("source", sourceText(card.Solution.Source)))
}

func (s *teamScene) describeCommit(a *App, d *mirrorDoc) {
	v := s.view
	add := func(ns ...mirrorNode) { d.Nodes = append(d.Nodes, ns...) }
	add(mHeading(2, "msg", msgCommitTitle))
	switch {
	case s.committed:
		s.describeRecap(a, d)
		return
	case s.ansErr != "":
		add(mText("help", s.ansErr))
	default:
		add(mText("help", msgCommitHelp))
	}
	l := s.commitLayout(a)
	text1 := map[string]string{}
	for _, cm := range v.Commitments {
		text1[cm.ID] = cm.Text
	}
	var members []mirrorNode
	for i, r := range l.members {
		if i >= len(v.Members) {
			break
		}
		m := v.Members[i]
		pick := msgCommitToChoose
		if i < len(s.picks) && s.picks[i] != "" {
			pick = text1[s.picks[i]]
		}
		members = append(members, mToggle("member-"+strconv.Itoa(i), m.FirstName+" "+m.LastName+"\u00a0: "+pick, i == s.member, r))
	}
	add(mGroup("members", msgTeamMembers, members...))
	chosen := ""
	if s.member < len(s.picks) {
		chosen = s.picks[s.member]
	}
	who := ""
	if s.member < len(v.Members) {
		who = v.Members[s.member].FirstName + " " + v.Members[s.member].LastName
	}
	var opts []mirrorNode
	for i, r := range l.options {
		cm := v.Commitments[s.page*l.perPage+i]
		opts = append(opts, mToggle("c-"+cm.ID, fmt.Sprintf(msgCommitPick, cm.Engagement, cm.Text), cm.ID == chosen, r))
	}
	add(mGroup("options", fmt.Sprintf(msgCommitFor, who), opts...))
	pages := (len(v.Commitments) + l.perPage - 1) / l.perPage
	if pages > 1 {
		prev := mButton("prev", msgPrevPage, l.prev)
		prev.Disabled = s.page == 0
		next := mButton("next", msgNextPage, l.next)
		next.Disabled = s.page >= pages-1
		add(prev, next)
	}
	add(mButton("send", s.commitSendLabel(), l.send))
}
