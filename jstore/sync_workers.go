package jstore

import (
	"context"
	"sync"
)

// syncWorkers runs a Sync pass's items on a few goroutines, each with a report of its own, and
// hands out work only until the pass's deadline: a CA that stalls holds each worker for one CA
// timeout, and the pass for one deadline, never one timeout per item.
type syncWorkers struct {
	open    context.Context // done when no more work is handed out
	jobs    chan func(*SyncReport)
	wg      sync.WaitGroup
	reports []SyncReport
	left    int
}

func (s *Service) startWorkers(open context.Context) *syncWorkers {
	w := &syncWorkers{open: open, jobs: make(chan func(*SyncReport)), reports: make([]SyncReport, s.ful.syncWorkers)}
	for i := range w.reports {
		w.wg.Go(func() {
			for job := range w.jobs {
				job(&w.reports[i])
			}
		})
	}
	return w
}

// give hands job to a free worker, or counts it left for the next pass once the deadline has
// passed.
func (w *syncWorkers) give(job func(*SyncReport)) {
	if w.open.Err() == nil {
		select {
		case w.jobs <- job:
			return
		case <-w.open.Done():
		}
	}
	w.left++
}

// finish waits for the work handed out and adds up the workers' reports into rep.
func (w *syncWorkers) finish(rep *SyncReport) {
	close(w.jobs)
	w.wg.Wait()
	for _, r := range w.reports {
		rep.add(r)
	}
	rep.Left += w.left
}

// add counts r's work into rep.
func (rep *SyncReport) add(r SyncReport) {
	rep.Due += r.Due
	rep.Asked += r.Asked
	rep.Placed += r.Placed
	rep.Issued += r.Issued
	rep.Closed += r.Closed
	rep.Flagged += r.Flagged
	rep.Failed += r.Failed
	rep.ReissuesDue += r.ReissuesDue
	rep.Reissued += r.Reissued
	rep.Deployed += r.Deployed
	rep.Alerted += r.Alerted
	rep.Left += r.Left
	for _, is := range r.Issues {
		if len(rep.Issues) < maxSyncIssues {
			rep.Issues = append(rep.Issues, is)
		}
	}
}
