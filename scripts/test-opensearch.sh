# A throwaway OpenSearch node for the tests of the distributed backend, from Maven Central: no Docker, no tarball.
# Source it, then `start_test_opensearch [maven options]`; it exports AGENTMAIL_TEST_OPENSEARCH (http://127.0.0.1:port).
#
# Maven compiles scripts/test-opensearch (a Node subclass that takes the Netty HTTP plugin from the classpath, since
# a jar has no modules directory) and resolves org.opensearch:opensearch at the version pinned as opensearch.version in
# the parent pom (2.4.0, the server James 3.8.1 tests against). A forked JVM runs one single-node cluster on loopback,
# security off (that plugin belongs to the distribution), its data under target/test-opensearch, wiped at each start.
# Heap: AGENTMAIL_TEST_OPENSEARCH_HEAP, 512m by default (fixed, -Xms = -Xmx), enough for the tests' few hundred small
# documents; the JVM holds about 250 MB resident when idle, at most heap plus ~200 MB. Start: about 17 s on 2 cores
# once Maven has the artifacts (the first run downloads about 40 MB and compiles the node class, ~20 s more).

# shellcheck source=scripts/test-servers.sh
. "$(dirname "${BASH_SOURCE[0]}")/test-servers.sh"

TEST_OPENSEARCH_PORT="${AGENTMAIL_TEST_OPENSEARCH_PORT:-59200}"
TEST_OPENSEARCH_HEAP="${AGENTMAIL_TEST_OPENSEARCH_HEAP:-512m}"
TEST_OPENSEARCH_DIR="$PWD/target/test-opensearch"

# start_test_opensearch [maven options]: the options (a local repository, -o) are passed to the Maven run that
# compiles the node and resolves its classpath.
start_test_opensearch() {
    launch_test_opensearch "$@" && await_test_opensearch
}

# The two halves of start_test_opensearch, so that other servers can start while this one does.
launch_test_opensearch() {
    local version
    version="$(sed -n 's:.*<opensearch.version>\(.*\)</opensearch.version>.*:\1:p' pom.xml)"
    stop_test_opensearch
    rm -rf "$TEST_OPENSEARCH_DIR"
    mkdir -p "$TEST_OPENSEARCH_DIR/home"

    local maven_options=()
    for option in "$@"; do
        case "$option" in
            -o | --offline | -Dmaven.repo.local=*) maven_options+=("$option") ;;
        esac
    done
    local dir="$TEST_OPENSEARCH_DIR"
    if ! mvn -B -q "${maven_options[@]}" -f scripts/test-opensearch/pom.xml -Dopensearch.version="$version" \
        package dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$dir/classpath" \
        > "$dir/resolve.log" 2>&1; then
        cat "$dir/resolve.log" >&2
        echo "could not build the test OpenSearch $version node with Maven" >&2
        return 1
    fi

    TEST_OPENSEARCH_PORT="$(free_port "$TEST_OPENSEARCH_PORT")"
    local transport_port
    transport_port="$(free_port $((TEST_OPENSEARCH_PORT + 100)))"
    # Netty's processor count is OpenSearch's to set, once; its JMX beans would clash with a second node's.
    nohup java -Xms"$TEST_OPENSEARCH_HEAP" -Xmx"$TEST_OPENSEARCH_HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
        -Dopensearch.set.netty.runtime.available.processors=false \
        -Dlog4j2.disable.jmx=true \
        -Djava.io.tmpdir="$dir" \
        -cp "$PWD/target/test-opensearch-build/classes:$(cat "$dir/classpath")" \
        dev.agentmail.testopensearch.TestOpenSearchNode "$dir/home" "$TEST_OPENSEARCH_PORT" "$transport_port" \
        > "$dir/server.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
}

await_test_opensearch() {
    local version dir="$TEST_OPENSEARCH_DIR"
    version="$(sed -n 's:.*<opensearch.version>\(.*\)</opensearch.version>.*:\1:p' pom.xml)"
    # Ready once the node has written `ready` (cluster yellow); a node that died on the way shows its log.
    local waited=0
    until [ -f "$dir/home/ready" ]; do
        if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null || [ "$waited" -ge 180 ]; then
            echo "the test OpenSearch did not start; its log ($dir):" >&2
            tail -n 40 "$dir/server.log" >&2
            stop_test_opensearch
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "test OpenSearch $version on http://127.0.0.1:$TEST_OPENSEARCH_PORT (heap $TEST_OPENSEARCH_HEAP), up in ${waited}s" >&2
    export AGENTMAIL_TEST_OPENSEARCH="http://127.0.0.1:$TEST_OPENSEARCH_PORT"
}

stop_test_opensearch() {
    stop_pid_file "$TEST_OPENSEARCH_DIR/pid"
}
