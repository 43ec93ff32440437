# A throwaway Apache Cassandra node for the tests of the distributed backend, from Maven Central: no Docker, no tarball.
# Sourced by `./agentmail test`; exports AGENTMAIL_TEST_CASSANDRA (host:port of its CQL port).
#
# Maven resolves org.apache.cassandra:cassandra-all (the version pinned as cassandra.version in the parent pom) with
# scripts/test-cassandra/pom.xml, and a forked JVM runs its CassandraDaemon on loopback with a cassandra.yaml made
# here, its data under target/test-cassandra, wiped at each start. The heap is small (AGENTMAIL_TEST_CASSANDRA_HEAP,
# 768m by default): the tests hold a few hundred rows at a time.

# shellcheck source=scripts/test-servers.sh
. "$(dirname "${BASH_SOURCE[0]}")/test-servers.sh"

TEST_CASSANDRA_PORT="${AGENTMAIL_TEST_CASSANDRA_PORT:-59042}"
TEST_CASSANDRA_HEAP="${AGENTMAIL_TEST_CASSANDRA_HEAP:-768m}"
TEST_CASSANDRA_DIR="$PWD/target/test-cassandra"

# start_test_cassandra [maven options]: the options (a local repository, -o) are passed to the Maven run that
# resolves Cassandra's classpath.
start_test_cassandra() {
    launch_test_cassandra "$@" && await_test_cassandra
}

# The two halves of start_test_cassandra, so that other servers can start while this one does.
launch_test_cassandra() {
    local version
    version="$(sed -n 's:.*<cassandra.version>\(.*\)</cassandra.version>.*:\1:p' pom.xml)"
    stop_test_cassandra
    rm -rf "$TEST_CASSANDRA_DIR"
    mkdir -p "$TEST_CASSANDRA_DIR"

    local maven_options=()
    for option in "$@"; do
        case "$option" in
            -o | --offline | -Dmaven.repo.local=*) maven_options+=("$option") ;;
        esac
    done
    if ! mvn -B -q "${maven_options[@]}" -f scripts/test-cassandra/pom.xml -Dcassandra.version="$version" \
        dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$TEST_CASSANDRA_DIR/classpath" \
        > "$TEST_CASSANDRA_DIR/resolve.log" 2>&1; then
        cat "$TEST_CASSANDRA_DIR/resolve.log" >&2
        echo "could not resolve Apache Cassandra $version from Maven" >&2
        return 1
    fi

    TEST_CASSANDRA_PORT="$(free_port "$TEST_CASSANDRA_PORT")"
    local storage_port
    storage_port="$(free_port $((TEST_CASSANDRA_PORT + 1)))"
    local dir="$TEST_CASSANDRA_DIR"
    # One node, one token, no snapshots on TRUNCATE or DROP, commit log synced every 10 s: a test node need not
    # survive a power cut. Generous timeouts: CI machines are small and the LWT race tests contend on purpose.
    cat > "$dir/cassandra.yaml" <<EOF
cluster_name: agentmail-test
num_tokens: 1
initial_token: 0
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:$storage_port"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: $storage_port
start_native_transport: true
native_transport_port: $TEST_CASSANDRA_PORT
data_file_directories: [$dir/data]
commitlog_directory: $dir/commitlog
saved_caches_directory: $dir/saved_caches
hints_directory: $dir/hints
cdc_raw_directory: $dir/cdc_raw
commitlog_sync: periodic
commitlog_sync_period: 10000ms
auto_snapshot: false
hinted_handoff_enabled: false
concurrent_compactors: 1
read_request_timeout: 10000ms
range_request_timeout: 20000ms
write_request_timeout: 10000ms
cas_contention_timeout: 10000ms
truncate_request_timeout: 60000ms
request_timeout: 20000ms
EOF
    cat > "$dir/logback.xml" <<EOF
<configuration>
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>$dir/system.log</file>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="FILE"/></root>
</configuration>
EOF
    # The module flags are those Cassandra's own jvm17-server.options sets: it reaches into JDK internals.
    # shellcheck disable=SC2046
    nohup java -Xms256m -Xmx"$TEST_CASSANDRA_HEAP" -Xss512k -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
        -javaagent:"$(tr ':' '\n' < "$dir/classpath" | grep '/jamm-')" \
        -Djdk.attach.allowAttachSelf=true \
        --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
        --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED \
        --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED \
        --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED \
        --add-exports java.sql/java.sql=ALL-UNNAMED \
        --add-exports java.base/java.lang.ref=ALL-UNNAMED \
        --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED \
        --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED \
        --add-opens java.base/java.lang.module=ALL-UNNAMED \
        --add-opens java.base/jdk.internal.loader=ALL-UNNAMED \
        --add-opens java.base/jdk.internal.ref=ALL-UNNAMED \
        --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED \
        --add-opens java.base/jdk.internal.math=ALL-UNNAMED \
        --add-opens java.base/jdk.internal.module=ALL-UNNAMED \
        --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED \
        --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
        --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
        --add-opens java.base/java.io=ALL-UNNAMED \
        --add-opens java.base/java.lang.reflect=ALL-UNNAMED \
        --add-opens java.base/java.lang=ALL-UNNAMED \
        --add-opens java.base/java.util=ALL-UNNAMED \
        --add-opens java.base/java.nio=ALL-UNNAMED \
        -Dio.netty.tryReflectionSetAccessible=true \
        -Dcassandra.config="file://$dir/cassandra.yaml" \
        -Dcassandra.storagedir="$dir" \
        -Dcassandra.logdir="$dir" \
        -Dlogback.configurationFile="$dir/logback.xml" \
        -Dcassandra-foreground=yes \
        -Dcassandra.skip_wait_for_gossip_to_settle=0 \
        -cp "$(cat "$dir/classpath")" org.apache.cassandra.service.CassandraDaemon \
        > "$dir/server.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
}

await_test_cassandra() {
    local version dir="$TEST_CASSANDRA_DIR"
    version="$(sed -n 's:.*<cassandra.version>\(.*\)</cassandra.version>.*:\1:p' pom.xml)"
    # Ready once the CQL port answers; a node that died on the way shows its log.
    local waited=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$TEST_CASSANDRA_PORT") 2>/dev/null; do
        if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null || [ "$waited" -ge 300 ]; then
            echo "the test Cassandra did not start; its log ($dir):" >&2
            tail -n 40 "$dir/system.log" "$dir/server.log" >&2 2>/dev/null
            stop_test_cassandra
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "test Cassandra $version on 127.0.0.1:$TEST_CASSANDRA_PORT (heap $TEST_CASSANDRA_HEAP), up in ${waited}s" >&2
    export AGENTMAIL_TEST_CASSANDRA="127.0.0.1:$TEST_CASSANDRA_PORT"
}

stop_test_cassandra() {
    stop_pid_file "$TEST_CASSANDRA_DIR/pid"
}
