#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing:
# chromium (Playwright drives Debian's Chromium; it cannot download its own),
# postgresql (the e2e suite also runs on PostgreSQL) and poppler-utils
# (pdftotext: the report specs read the exported PDFs back), openssl (the kubeconfig
# tests serve a fake API server on a certificate made for the run).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium fonts-liberation fonts-dejavu-core)
# The server, not just its folder: postgresql-client (psql, pg_dump) creates /usr/lib/postgresql/N/bin too.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v openssl >/dev/null || need+=(openssl)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "tests: missing Debian packages: ${need[*]} — install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "tests: installing ${need[*]}"
# A fresh machine may be running its own apt (unattended upgrades): wait for the lock, do not fail.
apt-get update -qq -o DPkg::Lock::Timeout=300
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${need[@]}" >/dev/null
