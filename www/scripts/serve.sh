#!/usr/bin/env bash
# Set up, build and serve dist/ on http://127.0.0.1:${PORT:-8000}/ (Ctrl+C to stop).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

bash .ci/setup
DSN_SKIP_SETUP=1 bash www/scripts/build.sh

PORT="${PORT:-8000}"
cat <<MSG

The Navigator is at:  http://127.0.0.1:${PORT}/
To use it offline without a server, open this single file in a browser:
  $(pwd)/dist/navigator.html

Serving dist/ on 127.0.0.1:${PORT} (Ctrl+C to stop)...
MSG
exec python3 - "$PORT" <<'PY'
import functools, http.server, sys
port = int(sys.argv[1])
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript",
                      ".css": "text/css", ".html": "text/html; charset=utf-8"}
    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()
handler = functools.partial(Handler, directory="dist")
with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
PY
