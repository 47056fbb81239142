#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379) are reachable
# for local development and CI without Docker: starts them, or installs them from Debian's
# packages first where they are missing. Then creates the `meilenstein` database if needed, and
# installs Debian's Chromium for the browser tests where it is missing (SKIP_CHROMIUM=1 skips it).
# With Docker, `docker compose up -d postgres redis` does the same job.
set -euo pipefail

PGHOST=127.0.0.1
PGPORT=5432
REDIS_PORT=6379

log() { printf '[services] %s\n' "$*"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do
    if port_open "$port"; then return 0; fi
    sleep 0.5
  done
  log "$name did not come up on port $port"
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"
    return 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

ensure_postgres() {
  if port_open "$PGPORT"; then
    log "PostgreSQL is reachable on $PGPORT"
  else
    if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
      log "installing PostgreSQL from Debian's packages"
      apt_install postgresql postgresql-client
    fi
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n1)
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    # Local development and CI only: trust connections from this machine, as the test URLs assume.
    if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
      as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$hba"
    fi
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for_port "$PGPORT" PostgreSQL
  fi
  for _ in $(seq 1 30); do
    if psql -h "$PGHOST" -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  if ! psql -h "$PGHOST" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'meilenstein'" | grep -q 1; then
    log "creating database meilenstein"
    psql -h "$PGHOST" -U postgres -d postgres -qc 'CREATE DATABASE meilenstein'
  fi
}

ensure_redis() {
  if port_open "$REDIS_PORT"; then
    log "Redis is reachable on $REDIS_PORT"
    return
  fi
  if ! command -v redis-server >/dev/null; then
    log "installing Redis from Debian's packages"
    apt_install redis-server
  fi
  log "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/meilenstein.log
  wait_for_port "$REDIS_PORT" Redis
}

ensure_chromium() {
  # The browser tests drive Debian's Chromium (npm cannot download a browser here).
  if command -v chromium >/dev/null || [ -x /usr/bin/chromium ]; then
    log "Chromium is installed"
    return
  fi
  log "installing Chromium from Debian's packages (for the browser tests)"
  apt_install chromium fonts-dejavu-core
}

ensure_postgres
ensure_redis
if [ "${SKIP_CHROMIUM:-}" != 1 ]; then ensure_chromium; fi
log "ready: postgres://postgres@$PGHOST:$PGPORT/meilenstein and redis://127.0.0.1:$REDIS_PORT"
