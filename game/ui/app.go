package ui

import (
	"context"
	"image"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Options configure the client program.
type Options struct {
	// Server is the server's base URL ("http://host:8080"). In the browser
	// it is the page's origin.
	Server string
	// Code, when set (join URL, QR code, --code), opens the team form for
	// that session straight away.
	Code string
	// AskServer shows the server address field on the home screen (desktop).
	AskServer bool
	// Connect makes the backend for a server address.
	Connect func(server string) Backend
	// Store keeps the team's resume token across reloads and restarts
	// (DefaultTeamStore); nil keeps nothing.
	Store TeamStore
	// Preview, when set ("deck/card"), shows that draft card of the deck
	// editor as PreviewRole (PreviewBoard or PreviewTeam): preview.go.
	Preview, PreviewRole string
	// Prefs keeps the settings (the sound toggle) across reloads
	// (DefaultPrefStore); nil keeps them for the run only.
	Prefs PrefStore
	// Sound lets the app open the audio device (the program sets it; tests
	// leave it off and record the cues instead).
	Sound bool
	// IdleAfter, when set, makes the app hybrid (the desktop): Ebiten's
	// default loop while the user acts, its event-driven mode after this
	// long without input and with nothing due (pace.go, idlePacing).
	IdleAfter time.Duration
	// ResumeOnStart: started without a code, the app resumes the team the
	// device kept on this server (desktop: a restart mid-session; the
	// browser keeps ?code= in its address instead).
	ResumeOnStart bool
}

// scene is one screen. update reads the frame's input (a.in) and the
// latest view; draw paints from the same state. Both run on Ebiten's
// goroutine.
type scene interface {
	update(a *App)
	draw(a *App, c *canvas)
}

// ticker is a scene showing a countdown: it is redrawn once per second.
type ticker interface{ ticking() bool }

// Timings of the interface, named for what they are for.
const (
	toastDuration   = 4 * time.Second // long enough to read a short sentence
	requestTimeout  = 15 * time.Second
	keyRepeatDelay  = 30 // ticks before a held key repeats (half a second)
	keyRepeatPeriod = 3  // ticks between repeats (20 per second)
	// typingSettle: once typing pauses this long the whole screen is
	// redrawn (what elsewhere depends on the text); while typing, only the
	// field is.
	typingSettle = 300 * time.Millisecond
	// fieldRingMargin (dp) covers the focus ring, which straddles the box.
	fieldRingMargin = 4
)

// App is the Ebiten game: it holds the scene, the input of the frame and
// decides when to redraw.
type App struct {
	opts    Options
	backend Backend

	fonts     *fonts
	fontsDone chan fontsResult
	fontsErr  error

	scene    scene
	in       frame
	focus    *textField
	focusNew bool // focus was set during this Update (by a new screen)

	w, h      int     // window, device pixels
	scale     float64 // pixels per dp
	dsf       float64 // device pixels per CSS pixel (the monitor's scale)
	dirty     bool
	animUntil time.Time
	redrawAt  time.Time
	lastTick  int64 // the second last drawn by a ticking scene
	started   time.Time

	done chan func() // results of background work, run on Update

	conn       Conn // the live connection, for the overlay and notices
	connState  ConnState
	noticeSeen uint64
	toastMsg   string
	toastUntil time.Time

	now        func() time.Time // the clock (tests fix it)
	lastStatus Status

	// Typing redraws only the focused field (drawTyping): typed says its
	// text changed since the last frame; backdrop is the screen as the last
	// full draw left it, from which the field's area is restored; settleAt
	// is when the whole screen is redrawn once typing pauses (what depends
	// on the text elsewhere: a preview, a highlighted chip).
	typed    bool
	backdrop *ebiten.Image
	settleAt time.Time

	// touchUsed: a finger touched the screen; keysUsed: keys made
	// intents outside a text field. They decide whether keyboard hints
	// show (keyHints).
	touchUsed, keysUsed bool

	pace         *pacer        // wakes Ebiten's event-driven mode (pace.go)
	lastInput    time.Time     // the last frame with input (idlePacing)
	lowPower     bool          // in the event-driven mode (idlePacing)
	setLowPower  func(bool)    // switches Ebiten's FPS mode (tests replace it)
	watchStop    chan struct{} // stops waking for the previous connection
	mirrorClicks []rect        // clicks from the accessible mirror, one per frame
	mirrorDue    bool          // the screen changed: the mirror follows once it is drawn

	soundPref map[soundRole]bool // the sound toggle per role, once read (audio.go)
	player    cuePlayer          // plays the cues; nil until a screen's sound is on
}

type fontsResult struct {
	f   *fonts
	err error
}

// New makes the client; run it with ebiten.RunGame.
func New(opts Options) *App {
	a := &App{
		opts:        opts,
		fontsDone:   make(chan fontsResult, 1),
		done:        make(chan func(), 16),
		dirty:       true,
		scale:       1,
		dsf:         1,
		now:         time.Now,
		pace:        newPacer(scheduleFrame),
		setLowPower: setFPSLow,
	}
	a.started = a.now()
	installWakers()
	if opts.Connect != nil && opts.Server != "" {
		a.backend = opts.Connect(opts.Server)
	}
	go func() {
		f, err := loadFonts()
		a.fontsDone <- fontsResult{f, err}
		scheduleFrame()
	}()
	a.scene = &loadingScene{}
	return a
}

// firstScene is where the app starts once fonts are loaded.
func (a *App) firstScene() scene {
	if a.opts.Preview != "" {
		return newPreview(a)
	}
	if a.opts.Code != "" && a.backend != nil {
		return a.openCode(normalizeCode(a.opts.Code))
	}
	if s := a.savedTeamScene(); s != nil {
		return s
	}
	return newHome(a)
}

// goTo switches screens.
func (a *App) goTo(s scene) {
	if !a.focusNew {
		a.setFocus(nil) // the old screen's field; a new screen's own stays
	}
	a.scene = s
	a.invalidate()
}

// invalidate asks for a redraw at the next frame.
func (a *App) invalidate() { a.dirty = true }

// animate redraws every frame for d (a counter moving, a reveal).
func (a *App) animate(d time.Duration) {
	if t := a.now().Add(d); t.After(a.animUntil) {
		a.animUntil = t
	}
	a.dirty = true
}

// wakeAt asks for a frame at t at the latest, with no input (a timed
// request of a scene's update).
func (a *App) wakeAt(t time.Time) {
	if a.redrawAt.IsZero() || t.Before(a.redrawAt) {
		a.redrawAt = t
	}
}

// toast shows a short message at the bottom of the screen.
func (a *App) toast(msg string) {
	a.toastMsg = msg
	a.toastUntil = a.now().Add(toastDuration)
	a.redrawAt = a.toastUntil
	a.invalidate()
}

// async runs work off the Ebiten goroutine; the function it returns runs
// back on it (in Update), then the screen is redrawn.
func (a *App) async(work func(ctx context.Context) func()) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
		defer cancel()
		a.done <- work(ctx)
		scheduleFrame()
	}()
}

// watch makes c the connection whose state the overlay shows.
func (a *App) watch(c Conn) {
	a.conn = c
	a.connState = ConnOnline
	if a.watchStop != nil {
		close(a.watchStop)
		a.watchStop = nil
	}
	if c != nil {
		a.noticeSeen, _ = c.Notice()
		if ch, ok := c.(changer); ok {
			a.watchStop = make(chan struct{})
			go watchChanges(ch, ch.Changed(), a.watchStop, scheduleFrame)
		}
	}
}

// Update implements ebiten.Game.
func (a *App) Update() error {
	if a.fonts == nil {
		select {
		case r := <-a.fontsDone:
			if r.err != nil {
				a.fontsErr = r.err
				return r.err
			}
			a.fonts = r.f
			a.goTo(a.firstScene())
		default:
			a.pace.at(a.now().Add(animFrame)) // the loading ring turns
			return nil
		}
	}
	a.readInput()
	a.mirrorInput()
	for _, in := range a.in.intents {
		if in.is(intentFullscreen) {
			ebiten.SetFullscreen(!ebiten.IsFullscreen())
		}
	}
	for {
		select {
		case f := <-a.done:
			if f != nil {
				f()
			}
			a.invalidate()
			continue
		default:
		}
		break
	}
	a.watchConn()
	a.scene.update(a)
	a.focusInput()
	a.announce()
	a.focusNew = false
	now := a.now()
	if t, ok := a.scene.(ticker); ok && t.ticking() {
		if s := now.Unix(); s != a.lastTick {
			a.lastTick = s
			a.invalidate()
		}
	}
	if !a.redrawAt.IsZero() && !now.Before(a.redrawAt) {
		a.redrawAt = time.Time{}
		a.invalidate()
	}
	if !a.settleAt.IsZero() && !now.Before(a.settleAt) {
		a.settleAt = time.Time{}
		a.invalidate()
	}
	next := a.nextFrame(now)
	a.pace.at(next)
	a.idlePacing(now, next)
	if a.dirty {
		a.mirrorDue = true
	}
	return nil
}

func (a *App) watchConn() {
	if a.conn == nil {
		return
	}
	if s, _ := a.conn.State(); s != a.connState {
		a.connState = s
		a.invalidate()
	}
	if n, msg := a.conn.Notice(); n != a.noticeSeen {
		a.noticeSeen = n
		if msg != "" {
			a.toast(msg)
		}
	}
}

// Draw implements ebiten.Game. The screen is not cleared between frames:
// when nothing changed, the last frame stays and nothing is drawn.
func (a *App) Draw(screen *ebiten.Image) {
	now := a.now()
	if !a.dirty && now.After(a.animUntil) {
		if a.typed {
			a.drawTyping(screen)
		}
		return
	}
	a.dirty, a.typed = false, false
	c := a.canvas(screen)
	c.fill(colBg)
	a.scene.draw(a, c)
	if a.fonts != nil {
		a.drawOverlays(c)
	}
	a.keepBackdrop(screen)
	if a.mirrorDue {
		// After the draw: the fields' boxes (the mirror's data-at) are
		// those just drawn, scrolled or not.
		a.mirrorDue = false
		a.syncMirror()
	}
}

// typedInField marks the focused field's text as changed: the next frame
// redraws the field alone, and the whole screen once typing pauses.
func (a *App) typedInField() {
	a.typed = true
	a.settleAt = a.now().Add(typingSettle)
}

// keepBackdrop copies the screen after a full draw, while a field has the
// focus (the only time drawTyping needs it).
func (a *App) keepBackdrop(screen *ebiten.Image) {
	if a.focus == nil {
		return
	}
	b := screen.Bounds()
	if a.backdrop == nil || a.backdrop.Bounds() != b {
		if a.backdrop != nil {
			a.backdrop.Deallocate()
		}
		a.backdrop = ebiten.NewImage(b.Dx(), b.Dy())
	}
	a.backdrop.DrawImage(screen, nil)
}

// drawTyping redraws the focused field alone: the field's area (with its
// focus ring) comes back from the backdrop, then the box and its text are
// drawn. The rest of the screen is untouched: a keystroke costs a field,
// not a screen (issue 11). Anything else pending falls back to a full draw.
func (a *App) drawTyping(screen *ebiten.Image) {
	a.typed = false
	f := a.focus
	if f == nil || a.backdrop == nil || a.backdrop.Bounds() != screen.Bounds() || f.box.W <= 0 ||
		(a.conn != nil && a.connState == ConnReconnecting) || (a.toastMsg != "" && a.now().Before(a.toastUntil)) {
		a.dirty = true
		return
	}
	area := f.box.inset(-fieldRingMargin)
	r := image.Rect(int(area.X*a.scale), int(area.Y*a.scale), int(math.Ceil(area.right()*a.scale)), int(math.Ceil(area.bottom()*a.scale))).Intersect(screen.Bounds())
	dst := screen.SubImage(r).(*ebiten.Image)
	op := &ebiten.DrawImageOptions{Blend: ebiten.BlendCopy}
	op.GeoM.Translate(float64(r.Min.X), float64(r.Min.Y))
	dst.DrawImage(a.backdrop.SubImage(r).(*ebiten.Image), op)
	boxCol := colCardSoft
	if f.dark {
		boxCol = colCard
	}
	a.drawFieldBox(a.canvas(dst), f, f.box, boxCol)
}

func (a *App) canvas(dst *ebiten.Image) *canvas {
	return &canvas{dst: dst, s: a.scale, f: a.fonts, floor: a.textFloor()}
}

// Layout implements ebiten.Game: the screen has one pixel per device pixel
// (crisp text on high-density screens); dp are scaled from it.
func (a *App) Layout(outsideW, outsideH int) (int, int) {
	dsf := 1.0
	if m := ebiten.Monitor(); m != nil {
		dsf = m.DeviceScaleFactor()
	}
	w, h := int(float64(outsideW)*dsf), int(float64(outsideH)*dsf)
	a.resize(w, h, dsf)
	return w, h
}

func (a *App) resize(w, h int, dsf float64) {
	if dsf <= 0 {
		dsf = 1
	}
	if w != a.w || h != a.h || dsf != a.dsf {
		a.w, a.h, a.dsf = w, h, dsf
		a.scale = uiScale(w, h, dsf)
		a.invalidate()
	}
}

// size is the screen in dp.
func (a *App) size() (float64, float64) {
	return float64(a.w) / a.scale, float64(a.h) / a.scale
}

// screen is the whole screen as a dp rect.
func (a *App) screen() rect {
	w, h := a.size()
	return rect{0, 0, w, h}
}

// frame is one tick's input, in dp and intents.
type frame struct {
	x, y       float64 // pointer (mouse or first touch)
	down       bool    // held
	pressed    bool    // went down this tick
	released   bool    // went up this tick
	pressX     float64 // where it went down
	pressY     float64
	moved      bool
	wheel      float64
	intents    []intent
	chars      []rune
	backspace  bool      // with key repeat
	edits      []editKey // caret keys (arrows, Home, End, Delete), with key repeat
	ctrl       bool
	touchID    ebiten.TouchID
	touching   bool
	hasPointer bool
}

// clicked reports a click or tap on r: pressed and released inside it.
func (a *App) clicked(r rect) bool {
	return a.in.released && r.contains(a.in.x, a.in.y) && r.contains(a.in.pressX, a.in.pressY)
}

// hovered reports the mouse over r (for highlights).
func (a *App) hovered(r rect) bool {
	return a.in.hasPointer && r.contains(a.in.x, a.in.y)
}

func (a *App) has(k intentKind) bool {
	for _, i := range a.in.intents {
		if i.kind == k {
			return true
		}
	}
	return false
}

// choices returns every answer index chosen by key this frame, in order.
func (a *App) choices() []int {
	var out []int
	for _, i := range a.in.intents {
		if i.kind == intentChoose {
			out = append(out, i.n)
		}
	}
	return out
}

// choice returns the answer index chosen by key this frame, if any.
func (a *App) choice() (int, bool) {
	for _, i := range a.in.intents {
		if i.kind == intentChoose {
			return i.n, true
		}
	}
	return 0, false
}

func (a *App) readInput() {
	prev := a.in
	in := frame{touchID: prev.touchID, touching: prev.touching, pressX: prev.pressX, pressY: prev.pressY, hasPointer: prev.hasPointer}
	s := a.scale
	mx, my := ebiten.CursorPosition()
	in.x, in.y = float64(mx)/s, float64(my)/s
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		in.pressed = true
	}
	in.down = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	in.released = inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft)
	if in.x != prev.x || in.y != prev.y {
		in.hasPointer = true
	}
	// Touch: the first finger is the pointer.
	if ids := inpututil.AppendJustPressedTouchIDs(nil); len(ids) > 0 && !in.touching {
		in.touchID, in.touching, in.pressed = ids[0], true, true
	}
	if in.touching {
		if inpututil.IsTouchJustReleased(in.touchID) {
			tx, ty := inpututil.TouchPositionInPreviousTick(in.touchID)
			in.x, in.y = float64(tx)/s, float64(ty)/s
			in.released, in.touching, in.down = true, false, false
			in.hasPointer = false
		} else {
			tx, ty := ebiten.TouchPosition(in.touchID)
			in.x, in.y, in.down = float64(tx)/s, float64(ty)/s, true
		}
	}
	if in.pressed {
		in.pressX, in.pressY = in.x, in.y
	}
	in.moved = in.x != prev.x || in.y != prev.y
	_, in.wheel = ebiten.Wheel()
	keys := inpututil.AppendJustPressedKeys(nil)
	in.chars = ebiten.AppendInputChars(nil)
	in.ctrl = ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	in.intents = intentsOf(keys, in.chars, shift, a.focus != nil)
	in.backspace = repeating(ebiten.KeyBackspace)
	for k, e := range editKeys {
		if repeating(k) {
			in.edits = append(in.edits, e)
		}
	}
	for _, k := range []ebiten.Key{ebiten.KeyArrowUp, ebiten.KeyArrowDown} {
		if d := inpututil.KeyPressDuration(k); d > keyRepeatDelay && (d-keyRepeatDelay)%keyRepeatPeriod == 0 {
			in.intents = append(in.intents, keyIntents[k])
		}
	}
	a.in = in
	if in.touching {
		a.touchUsed = true
	}
	if len(in.intents) > 0 && a.focus == nil {
		a.keysUsed = true
	}
	pointer := in.pressed || in.released || in.wheel != 0 || (in.moved && (in.down || in.hasPointer))
	keyed := len(keys) > 0 || len(in.chars) > 0 || in.backspace || len(in.edits) > 0
	if pointer || keyed || in.moved || in.down || in.touching || a.keyHeld() {
		a.lastInput = a.now()
	}
	// Typing in the focused field (keys that make no intent) redraws only
	// the field, if its text changed (focusInput, drawTyping).
	typing := a.focus != nil && len(in.intents) == 0
	if pointer || (keyed && !typing) {
		a.invalidate()
	}
}

func repeating(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	return d == 1 || (d > keyRepeatDelay && (d-keyRepeatDelay)%keyRepeatPeriod == 0)
}
