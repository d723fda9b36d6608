#!/usr/bin/env bash
# The whole test suite, from a fresh clone: `npm test`.
# Installs what it needs, then: types, lint, migrations check, unit tests,
# production build, Playwright e2e on SQLite and on PostgreSQL, and the
# Kubernetes/Prometheus test bed's own tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
failed=()
step() { echo; echo "=== $1"; }

step "install"
bash scripts/ensure-system-packages.sh
bash scripts/ensure-installed.sh

step "typecheck and lint"
npx tsc --noEmit
npx eslint .

step "migrations match prisma/schema.prisma"
node scripts/new-migration.mjs --check

step "unit tests"
npx vitest run

step "production build"
npx next build

step "e2e on SQLite"
rm -rf .data/e2e && mkdir -p .data/e2e
DATABASE_URL="file:./.data/e2e/sqlite.db" E2E_PORT=3210 npx playwright test || failed+=("e2e-sqlite")

step "e2e on PostgreSQL"
bash scripts/postgres-local.sh start >/dev/null
pg_url="$(bash scripts/postgres-local.sh reset firedrill_e2e)"
DATABASE_URL="$pg_url" E2E_PORT=3211 npx playwright test || failed+=("e2e-postgres")
bash scripts/postgres-local.sh stop

if [ "${FIREDRILL_SKIP_TESTBED:-0}" != 1 ] && [ -f e2e/testbed/testbed.sh ]; then
  step "test bed (real kube-apiserver, KWOK nodes, Prometheus)"
  bash e2e/testbed/testbed.sh test || failed+=("testbed")
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all test stages passed"
