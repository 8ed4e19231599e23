package files_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/deploy"
	"github.com/jstore-sdk/sdk/internal/testkit"
)

// BenchmarkDeployToNginx is one deployment to a real nginx: the files written and synced,
// `nginx -t`, `nginx -s reload`.
//
//	go test ./deploy/files -run '^$' -bench DeployToNginx -benchtime 20x -count 3
func BenchmarkDeployToNginx(b *testing.B) {
	is := testkit.NewIssuer(b)
	first := bundle(b, is, 100, site)
	n := testkit.StartTLSNginx(b, func(string) ([]byte, []byte) { return first.FullChain(), first.Key }, site)
	d := deployer(b, n)
	next := []deploy.Bundle{bundle(b, is, 101, site), bundle(b, is, 102, site)}
	i := 0
	for b.Loop() {
		require.NoError(b, d.Deploy(b.Context(), next[i%2]))
		i++
	}
}
