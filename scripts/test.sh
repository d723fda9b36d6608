#!/usr/bin/env bash
# The whole test suite, from a fresh clone: `npm test`.
# Installs what it needs, then: types, lint, migrations check, unit tests,
# production build, cluster integration tests (engine and metrics on both
# databases), Playwright e2e on SQLite and on PostgreSQL, and the
# Kubernetes/Prometheus test bed's own tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
failed=()
step() { echo; echo "=== $1"; }
# Each test stage's whole output is kept, and the end of the run names the
# tests that failed: a CI log that shows only its last lines still says which.
LOGS=.data/test-logs
rm -rf "$LOGS" && mkdir -p "$LOGS"
stage() { local name=$1 rc=0; shift; { "$@" 2>&1 | tee "$LOGS/$name.log"; } || rc=$?; [ "$rc" = 0 ] || failed+=("$name"); }
failures_of() { grep -aE '^ *(FAIL|×|✘|[0-9]+\) )|✘ |×' "$LOGS/$1.log" | sed 's/\x1b\[[0-9;]*m//g' | sort -u | head -20 || true; }

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

# The real test-bed cluster and Prometheus (e2e/testbed): built from Go modules
# on first use (cached by go.sum hash), started on loopback, stopped at the end.
step "test bed up"
bed_started=0
if ! bash e2e/testbed/testbed.sh status >/dev/null 2>&1; then
  bed_started=1
  trap 'bash e2e/testbed/testbed.sh down || true' EXIT
fi
bash e2e/testbed/testbed.sh up

step "cluster integration tests (fault engine against the test bed)"
stage cluster npx vitest run -c vitest.cluster.config.mts

step "e2e on SQLite"
rm -rf .data/e2e && mkdir -p .data/e2e
DATABASE_URL="file:./.data/e2e/sqlite.db" E2E_PORT="${E2E_PORT:-3210}" stage e2e-sqlite npx playwright test

step "PostgreSQL integration tests (concurrent transactions)"
bash scripts/postgres-local.sh start >/dev/null
pg_unit_url="$(bash scripts/postgres-local.sh reset firedrill_unit)"
DATABASE_URL="$pg_unit_url" FIREDRILL_SECRET_KEY="$(head -c 32 /dev/zero | base64)" \
  stage postgres npx vitest run -c vitest.postgres.config.mts

step "run engine and metrics against the test bed, on PostgreSQL"
CLUSTER_TEST_DATABASE_URL="$(bash scripts/postgres-local.sh reset firedrill_cluster)" \
  stage cluster-postgres npx vitest run -c vitest.cluster.config.mts lib/runs lib/metrics lib/alerts

step "e2e on PostgreSQL"
pg_url="$(bash scripts/postgres-local.sh reset firedrill_e2e)"
DATABASE_URL="$pg_url" E2E_PORT="$(( ${E2E_PORT:-3210} + 60 ))" stage e2e-postgres npx playwright test
bash scripts/postgres-local.sh stop

step "test bed's own tests (real apiserver, KWOK, PDBs, CRD validation, Prometheus)"
stage testbed bash e2e/testbed/testbed.sh test

if [ "$bed_started" = 1 ]; then
  bash e2e/testbed/testbed.sh down
  trap - EXIT
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  for f in "${failed[@]}"; do echo "--- failed in $f (whole output: $LOGS/$f.log):"; failures_of "$f"; done
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all test stages passed"
