package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Group commit: the command writes of every live session go through one
// writer goroutine on one connection. It takes every write waiting when it
// starts a transaction and commits them together, so a thousand sessions
// answering at once pay one disk sync (synchronous = FULL) per group, not
// one each. AppendCommands returns only once the transaction holding its
// commands committed: the server acknowledges a command after that.

// maxGroupCommands bounds the commands of one group transaction: enough to
// take a 5,000-agent plenary's burst in a few groups, small enough that the
// first write of a group does not wait long behind the last (a group of
// 2,048 commands is written in a few milliseconds before its sync).
const maxGroupCommands = 2048

// groupQueue is how many writes may wait for the writer: one per live
// session goroutine at most (each waits for its own), with room to spare.
const groupQueue = 4096

// groupTimeout bounds one group transaction; a write stuck longer fails
// (every session in the group rebuilds from its log) instead of freezing
// every live session.
const groupTimeout = 10 * time.Second

// PendingCommand is one command to append to a session's log, with the
// resume token of a joining player when Token is not nil.
type PendingCommand struct {
	LoggedCommand
	Token *ResumeToken
}

// groupJob is one session's commands (written all or none), or fn, work to
// run on the writer's connection inside the group's transaction.
type groupJob struct {
	ctx     context.Context
	session string
	cmds    []PendingCommand
	fn      func(context.Context, *sql.Tx) error
	err     error
	done    chan error
}

// groupWriter is the one writer of command logs.
type groupWriter struct {
	conn *sql.Conn
	// The group's statements, prepared once on the database (not on conn:
	// Tx.StmtContext reuses a database statement's preparation on the
	// transaction's connection, where it re-prepares a statement prepared on
	// a Conn at every transaction), by DB.prepared, which closes them.
	insert, savepoint, rollbackTo, release *sql.Stmt
	jobs                                   chan *groupJob
	stop                                   chan struct{}
	stopped                                chan struct{}
	once                                   sync.Once

	commits  atomic.Int64 // transactions committed
	commands atomic.Int64 // commands they held
}

// GroupStats are the group writer's totals since Open.
type GroupStats struct {
	Commits  int64 // group transactions committed
	Commands int64 // commands appended in them
}

func (s *DB) startWriter(ctx context.Context) error {
	conn, err := s.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: writer: %w", err)
	}
	g := &groupWriter{conn: conn, jobs: make(chan *groupJob, groupQueue),
		stop: make(chan struct{}), stopped: make(chan struct{})}
	for _, p := range []struct {
		st    **sql.Stmt
		query string
	}{
		{&g.insert, `INSERT OR IGNORE INTO session_commands (session_id, seq, at, kind, command)
		SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ? AND state = 'live')`},
		{&g.savepoint, "SAVEPOINT job"},
		{&g.rollbackTo, "ROLLBACK TO job"},
		{&g.release, "RELEASE job"},
	} {
		if *p.st, err = s.prepared(ctx, p.query); err != nil {
			conn.Close()
			return fmt.Errorf("store: writer: %w", err)
		}
	}
	s.group = g
	go g.run()
	return nil
}

// close stops the writer once the writes already queued are done.
func (g *groupWriter) close() {
	g.once.Do(func() {
		close(g.stop)
		<-g.stopped
		g.conn.Close()
	})
}

func (g *groupWriter) run() {
	defer close(g.stopped)
	var batch []*groupJob
	for {
		var first *groupJob
		select {
		case first = <-g.jobs:
		case <-g.stop:
			for { // what was queued before the stop is still written
				select {
				case j := <-g.jobs:
					g.commit([]*groupJob{j})
				default:
					return
				}
			}
		}
		batch = append(batch[:0], first)
		n := len(first.cmds)
	fill:
		for n < maxGroupCommands {
			select {
			case j := <-g.jobs:
				batch = append(batch, j)
				n += len(j.cmds)
			default:
				break fill
			}
		}
		g.commit(batch)
		clear(batch)
	}
}

// commit writes a group in one transaction and tells every job its
// outcome once the transaction is settled. A group of plain appends is
// first written straight, without savepoints (two statements fewer a job,
// most of a small job's cost); when one of its jobs is refused (a finished
// session, a taken seq: rare), or the group runs other work, it is written
// with each job in a savepoint of its own, so the refused job fails alone.
func (g *groupWriter) commit(batch []*groupJob) {
	ctx, cancel := context.WithTimeout(context.Background(), groupTimeout)
	defer cancel()
	straight := !slices.ContainsFunc(batch, func(j *groupJob) bool { return j.fn != nil })
	again, err := g.write(ctx, batch, !straight)
	if again {
		_, err = g.write(ctx, batch, true)
	}
	var cmds int64
	for _, j := range batch {
		if err != nil && j.err == nil {
			j.err = err
		}
		if j.err == nil {
			cmds += int64(len(j.cmds))
		}
	}
	if err == nil {
		g.commits.Add(1)
		g.commands.Add(cmds)
	}
	for _, j := range batch {
		j.done <- j.err
	}
}

// write writes a group in one transaction. With saved, each job runs in a
// savepoint of its own and a refused job fails alone; the error is the
// transaction's own. Without, the first refused job rolls everything back
// and write reports again: the group is to be written with savepoints. A
// failed commit is the group's error either way (not tried again: its
// outcome is the disk's).
func (g *groupWriter) write(ctx context.Context, batch []*groupJob, saved bool) (again bool, err error) {
	t, err := g.conn.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	ins := t.StmtContext(ctx, g.insert)
	savepoint, rollbackTo, release := t.StmtContext(ctx, g.savepoint), t.StmtContext(ctx, g.rollbackTo), t.StmtContext(ctx, g.release)
	for _, j := range batch {
		if j.err = j.ctx.Err(); j.err != nil {
			continue // its caller gave up before the write: not written
		}
		if saved {
			if _, err := savepoint.ExecContext(ctx); err != nil {
				_ = t.Rollback()
				return false, err
			}
		}
		if j.fn != nil {
			j.err = j.fn(ctx, t)
		} else {
			j.err = appendJob(ctx, t, ins, j)
		}
		switch {
		case j.err != nil && !saved:
			_ = t.Rollback()
			return true, nil
		case j.err != nil:
			if _, err := rollbackTo.ExecContext(ctx); err != nil {
				_ = t.Rollback()
				return false, err
			}
		}
		if saved {
			if _, err := release.ExecContext(ctx); err != nil {
				_ = t.Rollback()
				return false, err
			}
		}
	}
	if err := t.Commit(); err != nil {
		return false, fmt.Errorf("commit: %w", err)
	}
	return false, nil
}

// appendJob appends one session's commands inside the group transaction.
func appendJob(ctx context.Context, t *sql.Tx, ins *sql.Stmt, j *groupJob) error {
	for _, c := range j.cmds {
		r, err := ins.ExecContext(ctx, j.session, c.Seq, c.At, c.Kind, string(c.Data), j.session)
		if err != nil {
			return fmt.Errorf("append command %d to %s: %w", c.Seq, j.session, err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			var state string
			if err := t.QueryRowContext(ctx, "SELECT state FROM sessions WHERE id = ?", j.session).Scan(&state); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					err = ErrNotFound
				}
				return fmt.Errorf("append command %d to %s: %w", c.Seq, j.session, err)
			}
			if state != StateLive {
				return fmt.Errorf("append command %d to %s: %w", c.Seq, j.session, ErrNotLive)
			}
			return fmt.Errorf("append command %d to %s: %w", c.Seq, j.session, ErrConflict)
		}
		if c.Token != nil {
			if _, err := t.ExecContext(ctx, "INSERT INTO resume_tokens (token_hash, session_id, player_id) VALUES (?, ?, ?)",
				c.Token.Hash, j.session, c.Token.PlayerID); err != nil {
				return fmt.Errorf("append command %d to %s: %w", c.Seq, j.session, err)
			}
		}
		if c.Kind == "start" {
			if _, err := t.ExecContext(ctx, "UPDATE sessions SET started = ? WHERE id = ? AND started IS NULL", c.At, j.session); err != nil {
				return fmt.Errorf("append command %d to %s: %w", c.Seq, j.session, err)
			}
		}
	}
	return nil
}

// submit queues a job for the writer and waits for its outcome. Once the
// job is queued the wait is unconditional: the writer skips a job whose
// context ended before its transaction began, and otherwise reports the
// commit, so the caller never believes a write failed that is on disk.
func (s *DB) submit(j *groupJob) error {
	j.done = make(chan error, 1)
	select {
	case s.group.jobs <- j:
	case <-j.ctx.Done():
		return j.ctx.Err()
	case <-s.group.stop:
		return errClosed
	}
	select {
	case err := <-j.done:
		return err
	case <-s.group.stopped: // queued after the writer's last drain
		select {
		case err := <-j.done:
			return err
		default:
			return errClosed
		}
	}
}

var errClosed = errors.New("store: closed")

// AppendCommands appends a live session's accepted commands to its log, in
// order, all or none, through the group writer (see maxGroupCommands): it
// returns once the transaction holding them committed (synced to disk,
// synchronous = FULL). A joining player's resume token is written with its
// command. ErrNotLive when the session is closed or ended; ErrConflict
// when a seq is already taken. The first "start" command stamps the
// session's start time.
func (s *DB) AppendCommands(ctx context.Context, sessionID string, cmds []PendingCommand) error {
	if len(cmds) == 0 {
		return nil
	}
	if err := s.submit(&groupJob{ctx: ctx, session: sessionID, cmds: cmds}); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// GroupStats returns the group writer's totals: commits and the commands
// they held (commands per commit is the grouping's gain).
func (s *DB) GroupStats() GroupStats {
	return GroupStats{Commits: s.group.commits.Load(), Commands: s.group.commands.Load()}
}

// WriterSynchronous is the writer connection's PRAGMA synchronous, read
// inside a group transaction on that very connection (2 is FULL): what
// makes an acknowledged command survive a power cut.
func (s *DB) WriterSynchronous(ctx context.Context) (int, error) {
	var v int
	err := s.submit(&groupJob{ctx: ctx, fn: func(ctx context.Context, t *sql.Tx) error {
		return t.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&v)
	}})
	return v, err
}
