// Package nginxconf writes the configuration the tests and the quickstart run a private nginx
// with: in the foreground, one worker, every path it writes inside one directory, so that it
// needs no system directory and runs beside a system nginx.
package nginxconf

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write writes dir/nginx.conf — a default server listening on listen (e.g. "127.0.0.1:8443
// ssl default_server") with body defaultServer, then servers — and the temporary directories
// nginx needs under dir, and returns the file's path and the command line that runs this
// instance with bin (add -t, or -s reload, to test or reload it).
func Write(bin, dir, listen, defaultServer, servers string) (conf string, base []string, err error) {
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // the worker reads private directories, which only root may enter
	}
	text := fmt.Sprintf(`%[1]s
daemon off;
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %[2]s/tmp/body;
    proxy_temp_path %[2]s/tmp/proxy;
    fastcgi_temp_path %[2]s/tmp/fastcgi;
    uwsgi_temp_path %[2]s/tmp/uwsgi;
    scgi_temp_path %[2]s/tmp/scgi;
    default_type text/plain;
    server { listen %[3]s; %[4]s }
%[5]s}
`, user, dir, listen, defaultServer, servers)
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o700); err != nil {
		return "", nil, err
	}
	conf = filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		return "", nil, err
	}
	return conf, []string{bin, "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", conf}, nil
}
