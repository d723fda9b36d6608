#!/usr/bin/env bash
# Sourced by start.sh from the project root (tested by scripts/prepare-secrets.test.mjs).
# data/ holds the database, the session secret and the master key of secrets
# at rest: readable by this user only (files 0600 in a 0700 folder), also when
# an older version created them with the default umask.
(umask 077 && mkdir -p data)
chmod 700 data
# next-auth signs sessions with this secret; generate one per installation.
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  [ -s data/.auth-secret ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' > data/.auth-secret)
  chmod 600 data/.auth-secret
  export NEXTAUTH_SECRET="$(cat data/.auth-secret)"
fi
# Secrets at rest (kubeconfigs, tokens) are encrypted with this key: back it up
# apart from the database (README, "Security"); without it they cannot be read.
if [ -z "${FIREDRILL_SECRET_KEY:-}" ]; then
  [ -s data/.secret-key ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' > data/.secret-key)
  chmod 600 data/.secret-key
  export FIREDRILL_SECRET_KEY="$(cat data/.secret-key)"
fi
