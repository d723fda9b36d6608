#!/usr/bin/env bash
# `npm run demo`: the test bed (real Kubernetes API + KWOK nodes + Prometheus +
# the checkout demo service) plus Firedrill on its embedded database, with a
# seeded GameDay pointing at them. Ctrl-C stops the app and the test bed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-installed.sh
bash e2e/testbed/testbed.sh up
trap 'echo; echo "demo: stopping the test bed"; bash e2e/testbed/testbed.sh down' EXIT INT TERM
FIREDRILL_SEED_DEMO=e2e/testbed/.state/env.json bash scripts/start.sh
