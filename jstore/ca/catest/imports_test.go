package catest_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStandsWithoutTheWorkflow: the client and its simulator must not depend on jstore's
// workflow (the schedule comes from the leaf package cabf), so a panel can test its own CA
// code against catest without the SDK's workflow.
func TestStandsWithoutTheWorkflow(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "github.com/jstore-sdk/sdk/jstore/ca/catest").Output()
	require.NoError(t, err)
	deps := strings.Fields(string(out))
	assert.Contains(t, deps, "github.com/jstore-sdk/sdk/jstore/cabf")
	assert.NotContains(t, deps, "github.com/jstore-sdk/sdk/jstore")
}
