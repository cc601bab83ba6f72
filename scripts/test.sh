#!/usr/bin/env bash
# The one line that passes all tests on a fresh Debian machine with Node 20+:
# installs what the tests need (PostgreSQL and Chromium from Debian, npm packages with
# `npm ci`), then runs lint, type check, build and every test suite (`npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."

# Microsoft tools try to reach Azure for telemetry; this machine must not.
export TEAMSFX_TELEMETRY_OPTOUT=true APPLICATION_INSIGHTS_NO_STATSBEAT=true DOTNET_CLI_TELEMETRY_OPTOUT=1

missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing ${missing[*]}: install them with: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
npm test
