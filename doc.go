// Package sdk is the JStore SDK: an embeddable Go library for selling and managing SSL/TLS
// certificates the way a Japanese reseller portal does.
//
// # Map of the module
//
//   - [github.com/jstore-sdk/sdk/jstore]: the workflow. Accounts, the product catalogue,
//     applications (申請) and their two input steps, the cart, orders, issued certificates with
//     their lineage, renewal and reissue rules, the dashboard counters, revocation inquiries and
//     the append-only event history. [jstore.Service] is what a panel calls; [jstore.Store] is the
//     storage seam. With [jstore.WithCA] the Service orders from the CA at most once, keeps the
//     orders in sync and records what the CA issued once verified.
//   - [github.com/jstore-sdk/sdk/jstore/memstore]: the in-memory reference Store.
//   - [github.com/jstore-sdk/sdk/jstore/sqlstore]: the Store on PostgreSQL (several machines)
//     and SQLite (one), with embedded migrations.
//   - [github.com/jstore-sdk/sdk/jstore/storetest]: the conformance suite every Store passes.
//   - [github.com/jstore-sdk/sdk/csr]: parse, check and generate CSRs the way the upstream CA
//     judges them; every problem has a stable code and Japanese and English text.
//   - [github.com/jstore-sdk/sdk/quote]: price book, contract prices, consumption tax, quote
//     numbers and Japanese quote PDFs; its Quoter also prices jstore orders.
//   - [github.com/jstore-sdk/sdk/jstore/ca]: the typed client for the upstream CA's API (GoDaddy
//     Certificates); [github.com/jstore-sdk/sdk/jstore/ca/adapter] makes it the jstore.CA the
//     workflow calls.
//   - [github.com/jstore-sdk/sdk/jstore/ca/catest]: an in-process simulator of that API that issues
//     real certificates, validates domains by DNS and file, and injects faults.
//   - [github.com/jstore-sdk/sdk/dcv]: domain validation without a person: publishers that put
//     the CA's TXT record through any libdns provider ([github.com/jstore-sdk/sdk/dcv/rfc2136]
//     for servers taking signed dynamic updates) or its file under a web root, wait until every
//     authoritative server shows it, and remove it; the preflight's lookups and the CAA judge.
//     [jstore.WithPublishers] lets Sync use them.
//   - [github.com/jstore-sdk/sdk/keystore]: for panels that hold their customers' keys: makes
//     each certificate's key and CSR ([jstore.WithKeySource]) and keeps the key sealed
//     (AES-256-GCM, rotating key IDs) in the store, for deployers only.
//   - [github.com/jstore-sdk/sdk/deploy]: the deployer seam; [github.com/jstore-sdk/sdk/deploy/files]
//     installs PEM files and reloads the server, rolling back when it refuses them.
//     [jstore.WithDeployers] lets Sync deploy each new certificate to its lineage's targets.
//   - [github.com/jstore-sdk/sdk/tlscheck]: proves what a live site serves over TLS.
//   - [github.com/jstore-sdk/sdk/jstore/cabf]: the CA/Browser Forum schedule (lifetimes,
//     validation reuse, method sunsets), a leaf package the workflow and the simulator share.
//   - [github.com/jstore-sdk/sdk/message]: the one vocabulary: every text a customer or operator
//     reads, in Japanese and English, from a code and args rendered in the reader's language.
//   - [github.com/jstore-sdk/sdk/seal], [github.com/jstore-sdk/sdk/jstore/smtpmail]: site-seal
//     snippets and e-mail delivery over SMTP.
//   - internal/: what exists for speed or plumbing — font subsetting and PDF text setting
//     (ttf, pdftext), the CSR DER fast path and big-number arithmetic (csrder, bigmod) — and
//     the tests' shared kit (testkit).
//   - examples/quickstart: a non-interactive tour of the whole flow, through the Service alone,
//     on the embedded defaults.
//
// # Rules in one paragraph
//
// Customer-facing windows (the renewal window, quote validity) are calendar days in the
// configured zone, Asia/Tokyo by default. CA/Browser Forum dates (lifetime caps, validation
// reuse, method sunsets) are UTC instants. Money is integer yen. Every record belongs to one
// account, and another account's record is reported as not found.
package sdk
