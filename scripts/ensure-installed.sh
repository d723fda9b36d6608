#!/usr/bin/env bash
# Installs npm dependencies when they are missing or out of date, and
# generates the Prisma clients. Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.firedrill-install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  # better-sqlite3 (the embedded database) is a native addon: with no prebuilt binary to
  # download, npm compiles it, and a fresh Debian has no C/C++ compiler.
  if ! command -v c++ >/dev/null || ! command -v cc >/dev/null || ! command -v make >/dev/null; then
    compiler=(g++ make)
    if [ "$(id -u)" != 0 ]; then
      echo "firedrill: a C/C++ compiler is missing (npm compiles the SQLite driver); install it with: sudo apt-get install ${compiler[*]}" >&2
      exit 1
    fi
    echo "firedrill: installing ${compiler[*]} (npm compiles the SQLite driver)"
    apt-get update -qq -o DPkg::Lock::Timeout=300
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${compiler[@]}" >/dev/null
  fi
  echo "firedrill: installing npm dependencies…"
  # npm install, not npm ci: npm 11 writes lockfiles without other platforms' optional
  # packages and then refuses them in `npm ci` ("Missing: @next/swc-darwin-arm64").
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
if [ ! -f lib/db/generated/sqlite/index.js ] || [ ! -f lib/db/generated/postgres/index.js ] || [ prisma/schema.prisma -nt lib/db/generated/sqlite/index.js ]; then
  node scripts/generate-prisma.mjs
fi
