#!/usr/bin/env bash
# `npm run demo`: the test bed (real Kubernetes API + KWOK nodes + Prometheus +
# the checkout demo service) plus Firedrill on its embedded database, with a
# seeded GameDay pointing at them. Ctrl-C stops the app and the test bed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-installed.sh
bash e2e/testbed/testbed.sh up
trap 'echo; echo "demo: stopping the test bed"; bash e2e/testbed/testbed.sh down' EXIT INT TERM
# The bed's Prometheus is http://127.0.0.1:19090: allow loopback for metrics only
# (start.sh alone, the production default, allows no internal address).
FIREDRILL_OUTBOUND_ALLOW="${FIREDRILL_OUTBOUND_ALLOW:-metrics=127.0.0.0/8}" FIREDRILL_SEED_DEMO=e2e/testbed/.state/env.json bash scripts/start.sh
