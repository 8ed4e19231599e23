package jstore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNeutralise(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "-1", "-10780": "-10780", "-": "'-", "--1": "'--1", "-1+1": "'-1+1", "-1.5": "'-1.5", "-A1": "'-A1", "@A1": "'@A1", "\tx": "'\tx", "\rx": "'\rx",
		"": "", "株式会社": "株式会社", "a=b": "a=b", " =1": " =1",
	} {
		assert.Equal(t, want, neutralise(in), "%q", in)
	}
}
