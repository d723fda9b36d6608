#!/usr/bin/env bash
# The production build as the e2e suite sees it: migrations applied to
# DATABASE_URL, then `next start` on loopback. Used by playwright.config.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-3210}"
export FIREDRILL_SECRET_KEY="${FIREDRILL_SECRET_KEY:-ZTJlLW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-e2e-only-secret-not-for-production}" AUTH_TRUST_HOST=true NEXT_TELEMETRY_DISABLED=1
# The e2e fake trackers and the test bed's Prometheus listen on 127.0.0.1 over
# plain http: allow loopback for this server only (production refuses it, see lib/outbound/policy.ts).
# Links Firedrill writes (share links, ticket back-links) come only from the configured public URL.
export FIREDRILL_PUBLIC_URL="${FIREDRILL_PUBLIC_URL:-http://127.0.0.1:$PORT}"
export FIREDRILL_OUTBOUND_ALLOW="${FIREDRILL_OUTBOUND_ALLOW:-127.0.0.0/8,::1}"
node scripts/migrate-deploy.mjs
# Loopback only: the first account becomes admin without a setup link (lib/auth/access-policy.ts).
export FIREDRILL_LISTEN_HOST="${FIREDRILL_LISTEN_HOST:-127.0.0.1}"
exec node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
