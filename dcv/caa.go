package dcv

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// CAARecord is one CAA record (RFC 8659).
type CAARecord struct {
	Critical   bool
	Tag, Value string
}

const typeCAA dnsmessage.Type = 257

// LookupCAA asks for name's CAA records over UDP, through r's Dial when it has one (a test's
// resolver) or to the system's first nameserver. No such name, or no records, is an empty set.
func LookupCAA(ctx context.Context, r *net.Resolver, name string) ([]CAARecord, error) {
	q, err := dnsmessage.NewName(strings.TrimSuffix(name, ".") + ".")
	if err != nil {
		return nil, err
	}
	var idb [2]byte
	_, _ = rand.Read(idb[:])
	id := binary.BigEndian.Uint16(idb[:])
	b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: id, RecursionDesired: true})
	if err := b.StartQuestions(); err != nil {
		return nil, err
	}
	if err := b.Question(dnsmessage.Question{Name: q, Type: typeCAA, Class: dnsmessage.ClassINET}); err != nil {
		return nil, err
	}
	msg, err := b.Finish()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	dial := r.Dial
	if dial == nil {
		var d net.Dialer
		dial = d.DialContext
	}
	conn, err := dial(ctx, "udp", systemNameserver())
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	if _, err := conn.Write(msg); err != nil {
		return nil, err
	}
	buf := make([]byte, 4096)
	n, err := conn.Read(buf)
	if err != nil {
		return nil, err
	}
	return parseCAAAnswer(buf[:n], id)
}

func parseCAAAnswer(msg []byte, id uint16) ([]CAARecord, error) {
	var p dnsmessage.Parser
	h, err := p.Start(msg)
	switch {
	case err != nil:
		return nil, err
	case h.ID != id || !h.Response:
		return nil, errors.New("dcv: CAA: an answer to another question")
	case h.RCode == dnsmessage.RCodeNameError:
		return nil, nil
	case h.RCode != dnsmessage.RCodeSuccess:
		return nil, errors.New("dcv: CAA: the resolver answered " + h.RCode.String())
	case h.Truncated:
		return nil, errors.New("dcv: CAA: the answer was truncated")
	}
	if err := p.SkipAllQuestions(); err != nil {
		return nil, err
	}
	var out []CAARecord
	for {
		rh, err := p.AnswerHeader()
		if errors.Is(err, dnsmessage.ErrSectionDone) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if rh.Type != typeCAA {
			if err := p.SkipAnswer(); err != nil {
				return nil, err
			}
			continue
		}
		res, err := p.UnknownResource()
		if err != nil {
			return nil, err
		}
		d := res.Data
		if len(d) < 2 || len(d) < 2+int(d[1]) {
			return nil, errors.New("dcv: CAA: a malformed record")
		}
		out = append(out, CAARecord{Critical: d[0]&128 != 0, Tag: strings.ToLower(string(d[2 : 2+d[1]])), Value: string(d[2+d[1]:])})
	}
}

// systemNameserver is the first nameserver of /etc/resolv.conf, as Go's own resolver reads it,
// or the local one.
func systemNameserver() string {
	f, err := os.Open("/etc/resolv.conf")
	if err != nil {
		return "127.0.0.1:53"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) >= 2 && fields[0] == "nameserver" {
			return net.JoinHostPort(fields[1], "53")
		}
	}
	return "127.0.0.1:53"
}

// CAAAllows judges the relevant CAA set (RFC 8659 §3, §4) for a CA that accepts the issuer
// domains issuers: none, or one without issue tags, allows every CA; a critical record with a
// tag this judge does not know forbids; otherwise an issue (or, for a wildcard, issuewild when
// present) record must name one of the issuers.
func CAAAllows(records []CAARecord, wildcard bool, issuers []string) bool {
	known := map[string]bool{"issue": true, "issuewild": true, "iodef": true, "contactemail": true, "contactphone": true, "issuemail": true}
	var issue, issuewild []CAARecord
	for _, r := range records {
		switch {
		case r.Critical && !known[r.Tag]:
			return false
		case r.Tag == "issue":
			issue = append(issue, r)
		case r.Tag == "issuewild":
			issuewild = append(issuewild, r)
		}
	}
	relevant := issue
	if wildcard && len(issuewild) > 0 {
		relevant = issuewild
	}
	if len(relevant) == 0 {
		return true // no issue property restricts this kind of certificate
	}
	for _, r := range relevant {
		issuer, _, _ := strings.Cut(r.Value, ";")
		if slices.Contains(issuers, strings.ToLower(strings.TrimSpace(issuer))) {
			return true
		}
	}
	return false
}

// RelevantCAA climbs from name (without a wildcard's "*.") towards the root and returns the
// first non-empty CAA set.
func RelevantCAA(ctx context.Context, r *net.Resolver, name string) ([]CAARecord, error) {
	for n := strings.TrimPrefix(name, "*."); n != ""; {
		recs, err := LookupCAA(ctx, r, n)
		if err != nil {
			return nil, err
		}
		if len(recs) > 0 {
			return recs, nil
		}
		_, parent, ok := strings.Cut(n, ".")
		if !ok {
			break
		}
		n = parent
	}
	return nil, nil
}
