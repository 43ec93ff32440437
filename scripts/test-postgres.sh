# A throwaway PostgreSQL server for the tests of the PostgreSQL backend, from Debian's packages.
# Sourced by `./agentmail test`; exports AGENTMAIL_TEST_DB_URL, AGENTMAIL_TEST_DB_USER, AGENTMAIL_TEST_DB_PASSWORD.
# `./agentmail bench` sets AGENTMAIL_TEST_PG_DIR and AGENTMAIL_TEST_PG_FSYNC=on for a durable server of its own.

TEST_PG_PORT="${AGENTMAIL_TEST_PG_PORT:-55432}"
TEST_PG_DIR="${AGENTMAIL_TEST_PG_DIR:-$PWD/target/test-postgres}"
TEST_PG_FSYNC="${AGENTMAIL_TEST_PG_FSYNC:-off}"
TEST_PG_USER=agentmail
TEST_PG_PASSWORD=agentmail-test

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# PostgreSQL refuses to run as root: as root, run its commands as the postgres user.
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_test_postgres() {
    if [ -z "$(pg_bin)" ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "PostgreSQL is not installed: apt-get install postgresql, or run as root" >&2
            return 1
        fi
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    fi
    local bin
    bin="$(pg_bin)"
    mkdir -p "$TEST_PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$TEST_PG_DIR"
    if [ ! -f "$TEST_PG_DIR/data/PG_VERSION" ]; then
        echo "$TEST_PG_PASSWORD" > "$TEST_PG_DIR/pwfile"
        [ "$(id -u)" = 0 ] && chown postgres "$TEST_PG_DIR/pwfile"
        as_pg "$bin/initdb" -D "$TEST_PG_DIR/data" -U "$TEST_PG_USER" --pwfile="$TEST_PG_DIR/pwfile" \
            -A scram-sha-256 -E UTF8 --no-sync > "$TEST_PG_DIR/initdb.log"
    fi
    if ! as_pg "$bin/pg_ctl" -D "$TEST_PG_DIR/data" status > /dev/null 2>&1; then
        # Another server (another checkout's tests, a developer's own) may hold the port: take the next free one.
        while (exec 3<>"/dev/tcp/127.0.0.1/$TEST_PG_PORT") 2>/dev/null; do
            TEST_PG_PORT=$((TEST_PG_PORT + 1))
        done
        echo "$TEST_PG_PORT" > "$TEST_PG_DIR/port"
        # fsync off for the tests: a test database need not survive a power cut, and the tests run faster.
        as_pg "$bin/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/server.log" -w \
            -o "-p $TEST_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$TEST_PG_DIR -c fsync=$TEST_PG_FSYNC -c max_connections=300" start
    fi
    TEST_PG_PORT="$(cat "$TEST_PG_DIR/port")"
    export AGENTMAIL_TEST_DB_URL="jdbc:postgresql://127.0.0.1:$TEST_PG_PORT/postgres"
    export AGENTMAIL_TEST_DB_USER="$TEST_PG_USER"
    export AGENTMAIL_TEST_DB_PASSWORD="$TEST_PG_PASSWORD"
}

stop_test_postgres() {
    local bin
    bin="$(pg_bin)"
    [ -n "$bin" ] && as_pg "$bin/pg_ctl" -D "$TEST_PG_DIR/data" -m fast stop > /dev/null 2>&1 || true
}
