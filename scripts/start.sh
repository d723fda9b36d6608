#!/usr/bin/env bash
# Starts Firedrill on its embedded database (SQLite in ./data), installing and
# building what is missing first. `npm start` on a fresh clone is all it takes.
#   PORT (default 3000), HOST (default 127.0.0.1; 0.0.0.0 to let laptops on the LAN join),
#   DATABASE_URL (default file:./data/firedrill.db; postgres://… for PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-installed.sh

# Build when there is no build yet or the sources changed since.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib prisma public next.config.ts package-lock.json -newer .next/BUILD_ID -type f 2>/dev/null | head -1)" ]; then
  echo "firedrill: building (first start or changed sources)…"
  npm run --silent build
fi

# data/ 0700, the session secret and the master key 0600, exported (scripts/prepare-secrets.sh).
source scripts/prepare-secrets.sh
export PORT="${PORT:-3000}" HOST="${HOST:-127.0.0.1}"
# Who may sign up depends on who can reach the server (lib/auth/access-policy.ts).
export FIREDRILL_LISTEN_HOST="$HOST"
# Trust the Host header so sign-in works from whatever address people use, unless a URL is pinned.
[ -n "${NEXTAUTH_URL:-}" ] || export AUTH_TRUST_HOST=true
node scripts/migrate-deploy.mjs
if [ -n "${FIREDRILL_SEED_DEMO:-}" ]; then
  node_modules/.bin/tsx --conditions=react-server --tsconfig tsconfig.json scripts/seed-demo.ts "$FIREDRILL_SEED_DEMO"
fi
echo "firedrill: open http://${HOST/0.0.0.0/localhost}:${PORT}"
exec node_modules/.bin/next start -H "$HOST" -p "$PORT"
