package jstore

// SetCrashHook makes the Service call hook at each fulfilment step; a hook that panics stands
// for the process dying there. For tests only.
func SetCrashHook(s *Service, hook func(point string)) { s.ful.hook = hook }

// CallbacksInFlight is how many background re-reads the CA's callbacks have started and not
// finished. For tests only.
func (s *Service) CallbacksInFlight() int { return len(s.ful.callbackSlots) }
