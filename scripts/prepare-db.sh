#!/usr/bin/env bash
# Applies pending migrations to the database DATABASE_URL names (default: the
# embedded SQLite file ./data/firedrill.db, created on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/migrate-deploy.mjs
