#!/usr/bin/env bash
# Smoke run of the server image (target/agentmail-image.tar, from ./agentmail image) with podman and runc, as an
# operator would run it: an inbox made through the API receives mail over SMTP that IMAP then reads; a message
# acknowledged just before SIGTERM is not lost; a new container on the same volume finds the inbox and all the mail.
# Then once more with the database on PostgreSQL, as docker/compose.single.yml runs it.
#
# Podman keeps its storage in a throwaway directory and the container uses the host's network, on free loopback
# ports; the flags are the ones this kind of sandbox needs (see README "Server image"). Needs podman, runc, python3,
# and Debian's postgresql (installed when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."

# The mail is read over IMAPS, verified against the self-signed certificate the server made in its volume
# (tls/cert.pem); false reads it over plain IMAP instead.
imap_tls=true

image_tar=target/agentmail-image.tar
image=localhost/agentmail:latest
[ -f "$image_tar" ] || { echo "image-smoke: $image_tar is missing; run ./agentmail image first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/agentmail-image-smoke.XXXXXX")
# Podman warns for every health-checked container that it cannot reach systemd to time the checks: expected here.
pm() {
    podman --root "$work/root" --runroot "$work/run" --cgroup-manager=cgroupfs --events-backend=file --runtime runc \
        "$@" 2> >(grep -v 'unable to get systemd connection' >&2)
}
cleanup() {
    pm rm --force --all --time 0 >/dev/null || true
    pm volume rm --force --all >/dev/null || true
    pm rmi --force --all >/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
log() { echo "image-smoke: $*" >&2; }

read -r api smtp submission submissions imap imaps admin < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(7)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
key="inai_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

log "loading $image_tar"
pm load --quiet --input "$image_tar" >/dev/null
# start_container NAME VOLUME [podman run options]. Loopback only: with the host's network, the image's 0.0.0.0
# would open every port to the machine's networks.
start_container() {
    local name=$1 volume=$2
    shift 2
    pm run --detach --name "$name" --network=host \
        --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=32768:32768 \
        --volume "$volume:/var/lib/agentmail" --health-cmd agentmail-health "$@" \
        --env AGENTMAIL_BIND=127.0.0.1 --env AGENTMAIL_ADMIN_BIND=127.0.0.1 --env AGENTMAIL_BOOTSTRAP_KEY="$key" \
        --env AGENTMAIL_API_PORT="$api" --env AGENTMAIL_SMTP_PORT="$smtp" --env AGENTMAIL_SUBMISSION_PORT="$submission" \
        --env AGENTMAIL_SUBMISSIONS_PORT="$submissions" --env AGENTMAIL_IMAP_PORT="$imap" \
        --env AGENTMAIL_IMAPS_PORT="$imaps" --env AGENTMAIL_ADMIN_PORT="$admin" \
        --env AGENTMAIL_PUBLIC_URL="http://localhost:$api" \
        "$image" >/dev/null
    # The image's own health check (GET /health), run by hand: podman's timers need systemd, which is not here.
    local deadline=$((SECONDS + 300))
    until pm healthcheck run "$name" >/dev/null 2>&1; do
        if [ "$(pm inspect --format '{{.State.Running}}' "$name")" != true ] || [ $SECONDS -ge $deadline ]; then
            pm logs "$name" >&2 || true
            log "container $name did not become healthy"
            exit 1
        fi
        sleep 2
    done
    container=$name
    log "container $name is healthy (API on 127.0.0.1:$api)"
}

# Stops with SIGTERM and checks that the JVM ran its shutdown (exit 143), rather than being killed after the grace.
stop_container() {
    pm stop --time 120 "$1" >/dev/null
    local code
    code=$(pm inspect --format '{{.State.ExitCode}}' "$1")
    if [ "$code" != 143 ] && [ "$code" != 0 ]; then
        pm logs "$1" >&2 || true
        log "container $1 exited with $code on SIGTERM"
        exit 1
    fi
    pm logs "$1" >"$work/$1.log" 2>&1
    grep -q 'Stopping agentmail' "$work/$1.log" || { cat "$work/$1.log" >&2; log "no clean shutdown in $1's log"; exit 1; }
    log "container $1 stopped on SIGTERM (exit $code)"
}

# A failed step shows what the server logged.
client_failed() {
    pm logs "$container" 2>&1 | tail -200 >&2 || true
    log "step failed against $container"
    exit 1
}

# client VOLUME STEP: the steps below, as a mail client and an API caller would take them.
client() {
    local ca
    ca="$(pm volume inspect --format '{{.Mountpoint}}' "$1")/tls/cert.pem"
    shift
    SMOKE_KEY="$key" SMOKE_API="$api" SMOKE_SMTP="$smtp" SMOKE_IMAP="$imap" SMOKE_IMAPS="$imaps" \
        SMOKE_IMAP_TLS="$imap_tls" SMOKE_CA="$ca" python3 - "$@" <<'PY' || client_failed
import imaplib, json, os, smtplib, ssl, sys, time, urllib.request
from email.message import EmailMessage

env = os.environ
address = "smoke@agentmail.localhost"

def api(method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{env['SMOKE_API']}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + env["SMOKE_KEY"], "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)

def send(subject):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "alice@example.com", address, subject
    message.set_content("Sent by the image smoke run.")
    with smtplib.SMTP("127.0.0.1", int(env["SMOKE_SMTP"]), timeout=30) as smtp:
        smtp.send_message(message)

def imap():
    if env["SMOKE_IMAP_TLS"] == "true":
        context = ssl.create_default_context(cafile=env["SMOKE_CA"])
        return imaplib.IMAP4_SSL("127.0.0.1", int(env["SMOKE_IMAPS"]), ssl_context=context, timeout=30)
    return imaplib.IMAP4("127.0.0.1", int(env["SMOKE_IMAP"]), timeout=30)

def await_subjects(expected):
    """Reads INBOX over IMAP until every expected subject is there (delivery is asynchronous)."""
    deadline = time.time() + 120
    while True:
        subjects = set()
        try:
            with imap() as connection:
                connection.login(address, env["SMOKE_KEY"])
                connection.select("INBOX", readonly=True)
                for number in connection.search(None, "ALL")[1][0].split():
                    header = connection.fetch(number, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")[1][0][1].decode()
                    subjects.add(header.partition(":")[2].strip())
        except (imaplib.IMAP4.abort, OSError) as error:
            # Seen once in CI just after a restart, not reproduced: say so and read again, within the deadline.
            print(f"image-smoke: IMAP connection dropped ({error}); reading again", file=sys.stderr)
        if expected <= subjects:
            protocol = "IMAPS" if env["SMOKE_IMAP_TLS"] == "true" else "IMAP"
            print(f"image-smoke: {protocol} reads {sorted(subjects)}", file=sys.stderr)
            return
        if time.time() > deadline:
            sys.exit(f"image-smoke: IMAP shows {sorted(subjects)}, expected {sorted(expected)}")
        time.sleep(1)

step = sys.argv[1]
if step == "first-run":
    inbox = api("POST", "/api/v0/inboxes", {"username": "smoke"})
    assert inbox["email_address"] == address, inbox
    send("before restart")
    await_subjects({"before restart"})
elif step == "before-stop":
    # Acknowledged (250) and then at once SIGTERM: it must be delivered, now or after the restart.
    send("just before SIGTERM")
elif step == "second-run":
    inboxes = api("GET", "/api/v0/inboxes")["data"]
    assert [i["email_address"] for i in inboxes] == [address], inboxes
    await_subjects({"before restart", "just before SIGTERM"})
PY
}

start_container agentmail-1 agentmail-data
client agentmail-data first-run
client agentmail-data before-stop
stop_container agentmail-1

start_container agentmail-2 agentmail-data
client agentmail-data second-run
stop_container agentmail-2

# docker/compose.single.yml's node: the database on PostgreSQL, here Debian's (scripts/test-postgres.sh), since no
# registry serves the postgres image to bring that file up.
# shellcheck source=scripts/test-postgres.sh
. scripts/test-postgres.sh
postgres_was_running=false
if [ -n "$(pg_bin)" ] && as_pg "$(pg_bin)/pg_ctl" -D "$TEST_PG_DIR/data" status >/dev/null 2>&1; then
    postgres_was_running=true
fi
start_test_postgres >&2
database="agentmail_image_smoke_$$"
psql_admin() {
    PGPASSWORD="$TEST_PG_PASSWORD" "$(pg_bin)/psql" -q -h 127.0.0.1 -p "$TEST_PG_PORT" -U "$TEST_PG_USER" -d postgres \
        -v ON_ERROR_STOP=1 -c "$1"
}
trap 'cleanup; psql_admin "DROP DATABASE IF EXISTS $database" || true; $postgres_was_running || stop_test_postgres' EXIT
psql_admin "CREATE DATABASE $database"
start_container agentmail-postgres agentmail-postgres-data \
    --env AGENTMAIL_DB_URL="jdbc:postgresql://127.0.0.1:$TEST_PG_PORT/$database" \
    --env AGENTMAIL_DB_USER="$TEST_PG_USER" --env AGENTMAIL_DB_PASSWORD="$TEST_PG_PASSWORD"
client agentmail-postgres-data first-run
stop_container agentmail-postgres
grep -q 'Database: jdbc:postgresql:' "$work/agentmail-postgres.log" || { log "agentmail-postgres did not use PostgreSQL"; exit 1; }
log "passed in ${SECONDS} s"
