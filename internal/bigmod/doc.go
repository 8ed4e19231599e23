// Package bigmod holds the arithmetic csr's weak-key checks need fast: remainders of a big
// integer by 64-bit divisors with precomputed reciprocals (four at a time), and integer square
// roots seeded from a float estimate. Each is tested against math/big.
package bigmod
