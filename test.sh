#!/usr/bin/env bash
# Runs every test of Pingyi on a fresh machine: unit tests, integration tests on SQLite and on a
# throwaway PostgreSQL 15 cluster, and browser tests in Debian's Chromium. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

log() { echo "== $*"; }

# --- 1. What the tests need from Debian: Chromium, CJK fonts, the PostgreSQL server, pg_auto_failover, nginx and Redis.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
# The three-node test (ClusterTests) runs nginx and redis-server itself, on loopback ports.
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
# The failover drill (FailoverDrillTests) runs pg_auto_failover's monitor and two PostgreSQL nodes itself, on loopback ports.
command -v pg_autoctl >/dev/null 2>&1 || need+=(pg-auto-failover-cli)
if ! ls /usr/lib/postgresql/*/lib/pgautofailover.so >/dev/null 2>&1; then
  pgmajor=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  need+=("postgresql-${pgmajor:-15}-auto-failover")
fi
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # Installed programs, not services: no package may start its daemon (nginx on :80, redis on :6379) while installing.
  added_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d && added_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  [ -n "$added_policy" ] && $SUDO rm -f /usr/sbin/policy-rc.d
fi
export PINGYI_CHROMIUM="$(command -v chromium)"

# --- 2. A throwaway PostgreSQL cluster on a loopback port, removed on exit.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGROOT=$(mktemp -d /tmp/pingyi-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
AS=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PGROOT"
  AS=(runuser -u postgres --)
fi
cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGROOT"
}
trap cleanup EXIT
log "starting PostgreSQL ($("$PGBIN/postgres" --version)) on 127.0.0.1:$PGPORT"
"${AS[@]}" "$PGBIN/initdb" -D "$PGROOT/data" -U pingyi -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
  -o "-p $PGPORT -h 127.0.0.1 -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export PINGYI_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=pingyi;Database=postgres;Maximum Pool Size=20"

# --- 3. Build once, then run each test project.
log "building"
dotnet build Pingyi.slnx -c Release -warnaserror --nologo -v q
status=0
for project in tests/Pingyi.Core.Tests tests/Pingyi.Web.Tests tests/Pingyi.E2E; do
  name=$(basename "$project")
  log "testing $name"
  dotnet test "$project" -c Release --no-build --nologo -v q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" || status=1
done

# --- 4. One closing line over all projects.
python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    skipped += int(c.get("notExecuted"))
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
