# A throwaway RabbitMQ node for the tests of the distributed profile, from Debian's rabbitmq-server package: no Docker.
# Sourced by `./agentmail test`; exports AGENTMAIL_TEST_RABBITMQ (amqp://user:password@127.0.0.1:port) and
# AGENTMAIL_TEST_RABBITMQ_MANAGEMENT (http://127.0.0.1:port, the management API James uses to list and purge queues).
#
# The package is installed with apt-get when missing (as root only); its system service is never started or touched.
# Our node runs as the current user from the package's scripts, on free loopback ports (AMQP, management, Erlang
# distribution and a port mapper of its own), with its node name, configuration, Mnesia database, logs and Erlang
# cookie under target/test-rabbitmq, wiped at each start. The management plugin is enabled offline, by writing the
# enabled-plugins file that `rabbitmq-plugins --offline enable` would write. Memory: about 150 MB resident when idle
# (the Erlang VM with the management plugin), a little more while the tests run; up in 5-10 s.

# shellcheck source=scripts/test-servers.sh
. "$(dirname "${BASH_SOURCE[0]}")/test-servers.sh"

TEST_RABBITMQ_PORT="${AGENTMAIL_TEST_RABBITMQ_PORT:-55672}"
TEST_RABBITMQ_DIR="$PWD/target/test-rabbitmq"
TEST_RABBITMQ_HOME=/usr/lib/rabbitmq/bin
TEST_RABBITMQ_USER=agentmail
TEST_RABBITMQ_PASSWORD=agentmail

install_test_rabbitmq() {
    [ -x "$TEST_RABBITMQ_HOME/rabbitmq-server" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "RabbitMQ is not installed: apt-get install rabbitmq-server (as root), then run the tests again" >&2
        return 1
    fi
    echo "installing Debian's rabbitmq-server package (its service stays stopped)" >&2
    # The package would start its system service; policy-rc.d answers "not now" to that for this install only.
    local policy=/usr/sbin/policy-rc.d own_policy=
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=yes
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rabbitmq-server \
        > /tmp/agentmail-rabbitmq-install.log 2>&1 \
        || { apt-get update -q > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends rabbitmq-server >> /tmp/agentmail-rabbitmq-install.log 2>&1; }
    local status=$?
    [ -n "$own_policy" ] && rm -f "$policy"
    if [ "$status" != 0 ]; then
        tail -n 20 /tmp/agentmail-rabbitmq-install.log >&2
        return 1
    fi
}

start_test_rabbitmq() {
    launch_test_rabbitmq && await_test_rabbitmq
}

# The two halves of start_test_rabbitmq, so that other servers can start while this one does.
launch_test_rabbitmq() {
    stop_test_rabbitmq
    install_test_rabbitmq || return 1
    rm -rf "$TEST_RABBITMQ_DIR"
    mkdir -p "$TEST_RABBITMQ_DIR"
    local dir="$TEST_RABBITMQ_DIR"

    local amqp_port management_port dist_port epmd_port
    amqp_port="$(free_port "$TEST_RABBITMQ_PORT")"
    management_port="$(free_port $((amqp_port + 1)))"
    dist_port="$(free_port $((management_port + 1)))"
    epmd_port="$(free_port $((dist_port + 1)))"

    cat > "$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp_port
management.tcp.ip = 127.0.0.1
management.tcp.port = $management_port
default_user = $TEST_RABBITMQ_USER
default_pass = $TEST_RABBITMQ_PASSWORD
default_user_tags.administrator = true
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = info
EOF
    echo '[rabbitmq_management].' > "$dir/enabled_plugins"

    # A port mapper of our own, so that the node neither depends on nor leaves behind a shared one.
    nohup epmd -port "$epmd_port" > "$dir/epmd.log" 2>&1 < /dev/null &
    echo $! > "$dir/epmd.pid"

    (
        export HOME="$dir"
        export ERL_EPMD_PORT="$epmd_port"
        export RABBITMQ_CONF_ENV_FILE=/dev/null
        export RABBITMQ_NODENAME="agentmail-test-$amqp_port@localhost"
        export RABBITMQ_DIST_PORT="$dist_port"
        export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
        export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
        export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
        export RABBITMQ_MNESIA_BASE="$dir/mnesia"
        export RABBITMQ_LOG_BASE="$dir/log"
        export RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins-expand"
        export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
        exec nohup "$TEST_RABBITMQ_HOME/rabbitmq-server" > "$dir/server.log" 2>&1 < /dev/null
    ) &
    echo $! > "$dir/pid"
    TEST_RABBITMQ_AMQP_PORT="$amqp_port"
    TEST_RABBITMQ_MANAGEMENT_PORT="$management_port"
}

await_test_rabbitmq() {
    local dir="$TEST_RABBITMQ_DIR" amqp_port="$TEST_RABBITMQ_AMQP_PORT" management_port="$TEST_RABBITMQ_MANAGEMENT_PORT"
    # Ready once the management API answers: it starts after the AMQP listener.
    local waited=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$management_port") 2>/dev/null; do
        if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null || [ "$waited" -ge 120 ]; then
            echo "the test RabbitMQ did not start; its log ($dir):" >&2
            tail -n 40 "$dir/server.log" "$dir"/log/*.log >&2 2>/dev/null
            stop_test_rabbitmq
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "test RabbitMQ on 127.0.0.1:$amqp_port (management $management_port), up in ${waited}s" >&2
    export AGENTMAIL_TEST_RABBITMQ="amqp://$TEST_RABBITMQ_USER:$TEST_RABBITMQ_PASSWORD@127.0.0.1:$amqp_port"
    export AGENTMAIL_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$management_port"
}

stop_test_rabbitmq() {
    stop_pid_file "$TEST_RABBITMQ_DIR/pid"
    stop_pid_file "$TEST_RABBITMQ_DIR/epmd.pid"
}
