#!/usr/bin/env bash
# One command from a fresh clone to a running Parley: install npm packages if needed, then `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
exec npm start
