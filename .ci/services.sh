#!/usr/bin/env bash
# Starts PostgreSQL and Redis on loopback in temporary directories for the test run.
# Sourced by .ci/run; exports DATABASE_URL and REDIS_URL and defines stop_services.
PG_PORT=${PG_PORT:-54329}
REDIS_PORT=${REDIS_PORT:-63799}
SERVICES_DIR=$(mktemp -d /tmp/parley-ci.XXXXXX)
chmod 755 "$SERVICES_DIR"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_services() {
  mkdir -p "$SERVICES_DIR/pg" "$SERVICES_DIR/redis"
  [ "$(id -u)" = 0 ] && chown postgres "$SERVICES_DIR/pg"
  as_postgres "$PG_BIN/initdb" -D "$SERVICES_DIR/pg/data" --auth=trust -U postgres >"$SERVICES_DIR/initdb.log" 2>&1 || {
    cat "$SERVICES_DIR/initdb.log"; return 1; }
  as_postgres "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/log" -w \
    -o "-p $PG_PORT -k $SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || {
    cat "$SERVICES_DIR/pg/log"; return 1; }
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres parley_test
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$SERVICES_DIR/redis" --logfile "$SERVICES_DIR/redis/log" >/dev/null
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/parley_test"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
}

stop_services() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  as_postgres "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$SERVICES_DIR"
}
