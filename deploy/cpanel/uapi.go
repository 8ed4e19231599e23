package cpanel

import (
	"encoding/json"
	"errors"
	"strings"
)

// answer is UAPI's envelope as /execute/ returns it: status 1 for success, 0 with errors.
type answer struct {
	Status   int             `json:"status"`
	Errors   []string        `json:"errors"`
	Messages []string        `json:"messages"`
	Data     json.RawMessage `json:"data"`
}

// domains is DomainInfo::list_domains's data.
type domains struct {
	Main   string   `json:"main_domain"`
	Addon  []string `json:"addon_domains"`
	Sub    []string `json:"sub_domains"`
	Parked []string `json:"parked_domains"`
}

var errNotUAPI = errors.New("cpanel: the answer is not UAPI's JSON")

// parseAnswer reads an envelope, either bare (as /execute/ answers) or under "result" (as
// the uapi command and the WHM proxy answer); one without a status is not UAPI's.
func parseAnswer(body []byte) (answer, error) {
	var probe struct {
		Status *int            `json:"status"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return answer{}, errNotUAPI
	}
	if probe.Status == nil && len(probe.Result) > 0 {
		return parseAnswer(probe.Result)
	}
	if probe.Status == nil {
		return answer{}, errNotUAPI
	}
	var a answer
	if err := json.Unmarshal(body, &a); err != nil {
		return answer{}, errNotUAPI
	}
	return a, nil
}

// has reports whether name is one of the account's domains, ignoring case and a final dot.
func (d domains) has(name string) bool {
	want := canonical(name)
	for _, list := range [][]string{{d.Main}, d.Addon, d.Sub, d.Parked} {
		for _, n := range list {
			if n != "" && canonical(n) == want {
				return true
			}
		}
	}
	return false
}

func canonical(name string) string { return strings.TrimSuffix(strings.ToLower(name), ".") }

// parseData decodes an envelope's data into out.
func parseData(data json.RawMessage, out any) error {
	if err := json.Unmarshal(data, out); err != nil {
		return errNotUAPI
	}
	return nil
}
