package dcv

import (
	"testing"

	"golang.org/x/net/dns/dnsmessage"
)

// FuzzParseCAAAnswer: any bytes a resolver sends back are an answer or an error, never a panic.
//
//	go test ./dcv -run '^$' -fuzz FuzzParseCAAAnswer -fuzztime 60s
func FuzzParseCAAAnswer(f *testing.F) {
	b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: 7, Response: true})
	_ = b.StartQuestions()
	name := dnsmessage.MustNewName("example.jp.")
	_ = b.Question(dnsmessage.Question{Name: name, Type: typeCAA, Class: dnsmessage.ClassINET})
	_ = b.StartAnswers()
	_ = b.UnknownResource(dnsmessage.ResourceHeader{Name: name, Type: typeCAA, Class: dnsmessage.ClassINET}, dnsmessage.UnknownResource{Type: typeCAA, Data: append([]byte{0, 5}, "issuegodaddy.com"...)})
	msg, _ := b.Finish()
	f.Add(msg)
	f.Add([]byte{0, 7, 0x80, 0, 0, 0})
	f.Fuzz(func(t *testing.T, msg []byte) {
		recs, err := parseCAAAnswer(msg, 7)
		if err != nil && recs != nil {
			t.Fatalf("records with an error: %v", recs)
		}
	})
}
