#!/usr/bin/env bash
# Installs npm dependencies when they are missing or out of date, and
# generates the Prisma clients. Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.firedrill-install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "firedrill: installing npm dependencies…"
  # npm install, not npm ci: npm 11 writes lockfiles without other platforms' optional
  # packages and then refuses them in `npm ci` ("Missing: @next/swc-darwin-arm64").
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
if [ ! -f lib/db/generated/sqlite/index.js ] || [ ! -f lib/db/generated/postgres/index.js ] || [ prisma/schema.prisma -nt lib/db/generated/sqlite/index.js ]; then
  node scripts/generate-prisma.mjs
fi
