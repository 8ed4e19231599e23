package quote

import "github.com/jstore-sdk/sdk/jstore"

// CartRequest is a quote of the cart as it stands (カートから見積書): one line per new or
// renewal application, with its common name as the line's domain (or its product alone before
// step 1), at the account's contract. Reissues are free and left out. Quoted with the Quoter
// the Service prices orders with (jstore.WithPricer), the total is the one CompleteOrder
// charges for the same items.
func CartRequest(cart jstore.Cart, contractRef string) Request {
	req := Request{ContractRef: contractRef}
	for _, it := range cart.Items {
		a := it.Application
		if a.Kind == jstore.AppReissue {
			continue
		}
		req.Lines = append(req.Lines, LineRequest{ProductCode: a.ProductCode, Term: a.Term, SANSlots: a.SANSlots, Quantity: 1, Domain: a.CommonName})
	}
	return req
}
