#!/usr/bin/env bash
# Start casedesk with the demo firm: migrate, load the demo (first time only), start the
# background worker and the web server, and print the URL and the demo logins.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
bin=.venv/bin
"$bin/casedesk" demo --if-empty
"$bin/casedesk" worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  casedesk is starting at http://$host:$port/
  Demo sign-ins (password for all: casedesk-demo-2026):
$("$bin/casedesk" demo --logins | sed 's/^/    /')

  Stop with Ctrl-C.
MSG
"$bin/casedesk" serve --host "$host" --port "$port"
