// Package seal makes the site-seal snippet a customer places in their pages: the CA's seal for
// a certificate lineage, in Japanese or English, light or dark.
//
// HTML from the CA is accepted only in the shape the CA serves — one container element holding
// script elements whose src is an https URL on an allowed seal host, nothing else — so that a
// compromised or mistaken answer cannot put other markup into a customer's page ([Check]). The
// snippet this package builds itself goes through html/template ([Snippet]).
package seal
