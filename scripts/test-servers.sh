# What the throwaway test servers' scripts (test-cassandra.sh, test-opensearch.sh, test-rabbitmq.sh) share.
# Sourced by them.

# The first free TCP port on loopback from $1 on: another checkout's tests may hold the default one.
free_port() {
    local port="$1"
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

# Stops the process whose pid the file holds: TERM, up to 30 s to finish, then KILL; the file goes.
stop_pid_file() {
    local pid_file="$1"
    [ -f "$pid_file" ] || return 0
    local pid
    pid="$(cat "$pid_file")"
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 30); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
}
