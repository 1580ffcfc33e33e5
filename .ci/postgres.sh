# shellcheck shell=bash
# Starts a throwaway PostgreSQL server on loopback for the tests, and stops it when the shell that sourced this
# file exits. Sourced by .ci/run; a developer can source it too, then run the tests in the same shell:
#
#   source .ci/postgres.sh && ./portico test
#
# It installs Debian's postgresql package when no server binaries are found (as root only), creates a cluster in a
# temporary directory (initdb as the postgres OS user when run as root, since PostgreSQL refuses root), starts it on
# a free port of 127.0.0.1 with its socket in that directory, creates a database and a user with a password, and
# exports what the tests read:
#
#   PORTICO_TEST_POSTGRES_URL       jdbc:postgresql://127.0.0.1:<port>/portico_test
#   PORTICO_TEST_POSTGRES_USER      portico_test
#   PORTICO_TEST_POSTGRES_PASSWORD  a random password
#
# Sourcing returns non-zero, with the reason on stderr, when any step fails. Nothing here is meant for data that
# should survive: durability is off for speed, and the directory is deleted on exit.

PORTICO_POSTGRES_DATABASE=portico_test
PORTICO_POSTGRES_ROLE=portico_test

portico_postgres_log() {
  echo "postgres.sh: $*" >&2
}

portico_postgres_now() {
  echo "${EPOCHREALTIME:-$SECONDS}"
}

portico_postgres_elapsed() {
  awk -v start="$1" -v end="$(portico_postgres_now)" 'BEGIN { printf "%.1f", end - start }'
}

# Prints the directory of the newest installed PostgreSQL server binaries, or nothing.
portico_postgres_bin_dir() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  if [[ -z "$initdb" ]]; then
    initdb="$(command -v initdb 2>/dev/null || true)"
  fi
  [[ -n "$initdb" ]] && dirname "$(readlink -f "$initdb")"
  return 0
}

portico_postgres_install() {
  if [[ "$(id -u)" -ne 0 ]]; then
    portico_postgres_log "no PostgreSQL server binaries found (initdb); install PostgreSQL (Debian: apt-get install postgresql)"
    return 1
  fi
  portico_postgres_log "no PostgreSQL server binaries found; installing Debian's postgresql package..."
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } </dev/null >"$PORTICO_POSTGRES_TMP_LOG" 2>&1; then
    cat "$PORTICO_POSTGRES_TMP_LOG" >&2
    portico_postgres_log "installing the postgresql package failed (output above)"
    return 1
  fi
}

# Runs a command as the owner of the cluster: the postgres OS user when we are root, ourselves otherwise.
portico_postgres_as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A TCP port below the ephemeral range on which nothing listens on 127.0.0.1 right now.
portico_postgres_free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$((15432 + RANDOM % 14000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

portico_postgres_stop() {
  if [[ -n "${PORTICO_POSTGRES_DIR:-}" && -d "$PORTICO_POSTGRES_DIR" ]]; then
    if [[ -f "$PORTICO_POSTGRES_DIR/data/postmaster.pid" ]]; then
      portico_postgres_as_owner "$PORTICO_POSTGRES_BIN/pg_ctl" -D "$PORTICO_POSTGRES_DIR/data" -m immediate -w stop \
        >/dev/null 2>&1 || true
    fi
    rm -rf "$PORTICO_POSTGRES_DIR"
  fi
  PORTICO_POSTGRES_DIR=""
}

portico_postgres_start() {
  local started installed_in="" start
  start="$(portico_postgres_now)"
  PORTICO_POSTGRES_TMP_LOG="$(mktemp)"

  PORTICO_POSTGRES_BIN="$(portico_postgres_bin_dir)"
  if [[ -z "$PORTICO_POSTGRES_BIN" ]]; then
    portico_postgres_install || return 1
    installed_in="$(portico_postgres_elapsed "$start")"
    PORTICO_POSTGRES_BIN="$(portico_postgres_bin_dir)"
    if [[ -z "$PORTICO_POSTGRES_BIN" ]]; then
      portico_postgres_log "the postgresql package installed no initdb under /usr/lib/postgresql/*/bin"
      return 1
    fi
  fi

  portico_postgres_stop
  PORTICO_POSTGRES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/portico-postgres.XXXXXX")" || return 1
  trap portico_postgres_stop EXIT
  if [[ $- != *i* ]]; then
    # A script interrupted by a signal still runs its EXIT trap this way; an interactive shell keeps its own.
    trap 'exit 130' INT
    trap 'exit 143' TERM
  fi
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$PORTICO_POSTGRES_DIR" || return 1
  fi

  if ! portico_postgres_as_owner "$PORTICO_POSTGRES_BIN/initdb" -D "$PORTICO_POSTGRES_DIR/data" -U postgres \
      -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PORTICO_POSTGRES_TMP_LOG" 2>&1; then
    cat "$PORTICO_POSTGRES_TMP_LOG" >&2
    portico_postgres_log "initdb failed (output above)"
    return 1
  fi

  local port attempt
  started=false
  for attempt in 1 2 3 4 5; do
    port="$(portico_postgres_free_port)" || break
    if portico_postgres_as_owner "$PORTICO_POSTGRES_BIN/pg_ctl" -D "$PORTICO_POSTGRES_DIR/data" \
        -l "$PORTICO_POSTGRES_DIR/server.log" -w -t 60 \
        -o "-p $port -k $PORTICO_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
      started=true
      break
    fi
  done
  if [[ "$started" != true ]]; then
    cat "$PORTICO_POSTGRES_DIR/server.log" >&2 2>/dev/null || true
    portico_postgres_log "the PostgreSQL server did not start (log above)"
    return 1
  fi

  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  if ! "$PORTICO_POSTGRES_BIN/psql" -h "$PORTICO_POSTGRES_DIR" -p "$port" -U postgres -d postgres -qAt \
      -v ON_ERROR_STOP=1 >"$PORTICO_POSTGRES_TMP_LOG" 2>&1 <<SQL; then
CREATE ROLE $PORTICO_POSTGRES_ROLE LOGIN PASSWORD '$password';
CREATE DATABASE $PORTICO_POSTGRES_DATABASE OWNER $PORTICO_POSTGRES_ROLE;
SQL
    cat "$PORTICO_POSTGRES_TMP_LOG" >&2
    portico_postgres_log "creating the test database and user failed (output above)"
    return 1
  fi
  rm -f "$PORTICO_POSTGRES_TMP_LOG"

  export PORTICO_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/$PORTICO_POSTGRES_DATABASE"
  export PORTICO_TEST_POSTGRES_USER="$PORTICO_POSTGRES_ROLE"
  export PORTICO_TEST_POSTGRES_PASSWORD="$password"
  local version
  version="$("$PORTICO_POSTGRES_BIN/postgres" --version | awk '{ print $3 }')"
  portico_postgres_log "PostgreSQL $version ready at $PORTICO_TEST_POSTGRES_URL in $(portico_postgres_elapsed "$start") s${installed_in:+ (install: $installed_in s)}"
}

portico_postgres_start
