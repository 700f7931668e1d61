package client

// socket is one websocket link, as the platform provides it. Read and Write
// carry text frames, one JSON message each. Read is called from one
// goroutine and Write from one other; Close may be called from any
// goroutine, more than once, and unblocks Read.
type socket interface {
	Read() ([]byte, error)
	Write(frame []byte) error
	Close() error
}
