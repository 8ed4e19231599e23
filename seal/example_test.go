package seal_test

import (
	"fmt"

	"github.com/jstore-sdk/sdk/seal"
)

func ExampleCheck() {
	_, err := seal.Check(`<span id="siteseal"><script async src="https://seal.godaddy.com/getSeal?sealID=1"></script></span>`)
	fmt.Println(err)
	_, err = seal.Check(`<span id="siteseal"><script>document.location='https://evil.example'</script></span>`)
	fmt.Println(err)
	// Output:
	// <nil>
	// seal: unexpected seal HTML: a script without src
}
