package plesk

import (
	"encoding/xml"
	"errors"
	"strings"
)

// installPacket is <packet><certificate><install>: a certificate into the site's repository.
type installPacket struct {
	XMLName xml.Name `xml:"packet"`
	Install struct {
		Name    string  `xml:"name"`
		Site    string  `xml:"site"`
		Content content `xml:"content"`
	} `xml:"certificate>install"`
}

type content struct {
	CSR  string `xml:"csr"`
	Key  string `xml:"pvt"`
	Cert string `xml:"cert"`
	CA   string `xml:"ca"`
}

// assignPacket is <packet><site><set>: the site serves the named certificate over https.
type assignPacket struct {
	XMLName    xml.Name   `xml:"packet"`
	Site       string     `xml:"site>set>filter>name"`
	Properties []property `xml:"site>set>values>hosting>vrt_hst>property"`
}

type property struct {
	Name  string `xml:"name"`
	Value string `xml:"value"`
}

// result is one operation's outcome, or the packet's system error.
type result struct {
	Status  string `xml:"status"`
	Code    int    `xml:"errcode"`
	Message string `xml:"errtext"`
}

// answer holds every place a result can be: a system error (checks before any operation ran)
// or the operation's result.
type answer struct {
	XMLName xml.Name `xml:"packet"`
	System  *result  `xml:"system"`
	Install *result  `xml:"certificate>install>result"`
	Assign  *result  `xml:"site>set>result"`
}

var errNotPacket = errors.New("plesk: the answer is not an XML API packet")

// operation says which operation's result an answer must hold.
type operation int

const (
	install operation = iota
	assign
)

// parseAnswer finds the result of an answer to op: the system error if there is one, else
// op's result; an answer with neither (another operation's result, say) is not op's answer.
func parseAnswer(body []byte, op operation) (result, error) {
	var a answer
	if err := xml.Unmarshal(body, &a); err != nil {
		return result{}, errNotPacket
	}
	for _, r := range []*result{a.System, []*result{a.Install, a.Assign}[op]} {
		if r != nil && strings.TrimSpace(r.Status) != "" {
			r.Status = strings.TrimSpace(r.Status)
			return *r, nil
		}
	}
	return result{}, errNotPacket
}

// codeOf sorts Plesk's error codes into the deployer's.
func codeOf(errcode int) string {
	switch errcode {
	case 1001, 1006, 1010, 1011, 1012, 1029, 11003:
		return "unauthorized"
	case 1013, 1015:
		return "unknown_site"
	}
	return "refused"
}

// alreadyInstalled is the error code of an install under a name the repository already holds:
// a retry after a crash between install and assign.
const alreadyInstalled = 1007
