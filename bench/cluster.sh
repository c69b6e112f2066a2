# shellcheck shell=bash
# `./x cluster`: Avrop the way a region runs it, on loopback. A PostgreSQL,
# three server instances on it, and Debian's nginx in front with the proxy
# settings of deploy/nginx (deploy/nginx/avrop-proxy.conf, included as it
# is); then the fault drills, each under a load of signed-in page views and
# order submissions through nginx (`avrop-bench drill`):
#
#   1. a session made on one instance works on the others; one order sent at
#      once through two instances is stored once;
#   2. one instance killed with SIGKILL: no order lost or doubled, failures
#      limited to the requests in flight on it;
#   3. a rolling restart of all three (drained in nginx, SIGTERM, started,
#      back in): no failed request;
#   4. PostgreSQL stopped for a few seconds and started: requests fail fast
#      with 503, the instances recover on their own, no order lost.
#
# With the release build (the default) it then measures the signed-in start
# page and order submission through nginx against one instance alone.
# `./x test` runs the drills on the debug build (`--debug`), without figures.
#
# Sourced by ./x (it uses its helpers: start_postgres, wait_ready, ...).

CLUSTER_DIR=""
CLUSTER_SECONDS=""
CLUSTER_OUTAGE=""
CLUSTER_PIDS=()
CLUSTER_BIN=""
CLUSTER_BUILD=1
NGINX_PORT=""
INSTANCE_PORTS=()

cluster_usage() {
  cat <<'EOF'
./x cluster [--debug] [--no-build] [--seconds N] [--keep]

  --debug      use the debug build (what ./x test runs; no figures)
  --no-build   use the release server and drill tool already built (by
               ./x bench or an earlier ./x cluster)
  --seconds N  length of each drill's load (default 20, 10 with --debug)
  --keep       leave the cluster running after the drills (Ctrl-C stops it)

Ports: nginx on 127.0.0.1:$CLUSTER_PORT (default 3320), the instances on the
three ports after it, PostgreSQL on $TEST_PG_PORT (default 55432).
EOF
}

# The upstream block: instance $1 (1-based) is marked down (0: none).
cluster_upstream() {
  local down="$1" i
  echo "upstream avrop {"
  for i in 1 2 3; do
    if [ "$i" = "$down" ]; then
      echo "    server 127.0.0.1:${INSTANCE_PORTS[$i]} down;"
    else
      echo "    server 127.0.0.1:${INSTANCE_PORTS[$i]} max_fails=2 fail_timeout=10s;"
    fi
  done
  echo "    keepalive 32;"
  echo "}"
}

nginx_ctl() {
  /usr/sbin/nginx -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx/nginx.conf" -e "$CLUSTER_DIR/nginx/error.log" "$@"
}

start_nginx() {
  local dir="$CLUSTER_DIR/nginx"
  mkdir -p "$dir/tmp"
  # nginx started by root runs its workers as nobody.
  chmod 1777 "$dir/tmp"
  cluster_upstream 0 >"$dir/upstream.conf"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/upstream.conf;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        client_max_body_size 65m;
        gzip off;
        location / {
            include $ROOT/deploy/nginx/avrop-proxy.conf;
        }
    }
}
EOF
  nginx_ctl -t -q || die "nginx refuses the cluster's configuration (see $dir/error.log)"
  nginx_ctl
  for _ in $(seq 50); do
    curl -fsS "http://127.0.0.1:$NGINX_PORT/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "nginx did not answer on 127.0.0.1:$NGINX_PORT"
}

# Puts instance $1 out of nginx's rotation (0: all in) and waits until
# nginx holds no connection to it any more.
cluster_drain() {
  local down="$1" port
  cluster_upstream "$down" >"$CLUSTER_DIR/nginx/upstream.conf"
  nginx_ctl -s reload
  [ "$down" = 0 ] && return 0
  port="${INSTANCE_PORTS[$down]}"
  for _ in $(seq 100); do
    if ! ss -Htn state established "( dport = :$port )" | grep -q .; then return 0; fi
    sleep 0.1
  done
  die "nginx still had connections to instance $down after 10 s"
}

start_instance() {
  local i="$1" seed="${2:-false}" port="${INSTANCE_PORTS[$1]}"
  env -u CLUSTER_PORT LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME="$OUTPUT_NAME" \
    AVROP_LISTEN="127.0.0.1:$port" AVROP_PUBLIC_URL="http://127.0.0.1:$NGINX_PORT" \
    DATABASE_URL="$CLUSTER_DB" AVROP_TRUSTED_PROXIES=1 AVROP_SEED_DEMO="$seed" RUST_LOG=warn \
    "$CLUSTER_BIN/server" serve >>"$CLUSTER_RESULTS/instance$i.log" 2>&1 &
  CLUSTER_PIDS[$i]=$!
  wait_ready "http://127.0.0.1:$port" "${CLUSTER_PIDS[$i]}"
}

cluster_cleanup() {
  local pid
  if [ -n "$CLUSTER_DIR" ] && [ -f "$CLUSTER_DIR/nginx/nginx.pid" ]; then
    nginx_ctl -s stop 2>/dev/null || true
  fi
  for pid in "${CLUSTER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${CLUSTER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  CLUSTER_PIDS=()
  stop_postgres
  if [ -n "$CLUSTER_DIR" ]; then rm -rf "$CLUSTER_DIR"; CLUSTER_DIR=""; fi
}

# drill_start NAME SECONDS [avrop-bench drill options...]: the load through
# nginx in the background; its figures go to $CLUSTER_RESULTS/NAME.json.
DRILL_PID=""
drill_start() {
  local name="$1" seconds="$2"; shift 2
  : >"$CLUSTER_RESULTS/$name.events"
  DATABASE_URL="$CLUSTER_DB" "$CLUSTER_BIN/avrop-bench" drill --addr "127.0.0.1:$NGINX_PORT" \
    --duration "$seconds" --events "$CLUSTER_RESULTS/$name.events" "$@" \
    >"$CLUSTER_RESULTS/$name.json" 2>"$CLUSTER_RESULTS/$name.err" &
  DRILL_PID=$!
  # The drill signs its people in first, then writes `load` and starts.
  for _ in $(seq 600); do
    grep -q ' load$' "$CLUSTER_RESULTS/$name.events" && return 0
    kill -0 "$DRILL_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$CLUSTER_RESULTS/$name.err" >&2
  die "the $name drill did not start"
}

drill_event() {
  echo "$(date +%s.%N) $2" >>"$CLUSTER_RESULTS/$1.events"
}

drill_wait() {
  local name="$1" rc=0 i
  wait "$DRILL_PID" || rc=$?
  DRILL_PID=""
  cat "$CLUSTER_RESULTS/$name.json"
  if [ "$rc" != 0 ]; then
    cat "$CLUSTER_RESULTS/$name.err" >&2
    for i in 1 2 3; do
      echo "--- the end of instance $i's log:" >&2
      tail -n 15 "$CLUSTER_RESULTS/instance$i.log" >&2
    done
    return 1
  fi
}

drill_kill() {
  drill_start kill "$CLUSTER_SECONDS" --workers 12 --max-failed 12
  sleep $((CLUSTER_SECONDS / 3))
  drill_event kill down
  kill -9 "${CLUSTER_PIDS[2]}"
  wait "${CLUSTER_PIDS[2]}" 2>/dev/null || true
  sleep $((CLUSTER_SECONDS / 3))
  start_instance 2
  drill_event kill up
  drill_wait kill
}

drill_rolling() {
  local i
  # Long enough for all three restarts to happen under load.
  drill_start rolling $((CLUSTER_SECONDS * 2)) --workers 12 --max-failed 0
  for i in 1 2 3; do
    drill_event rolling "drain-$i"
    cluster_drain "$i"
    kill -TERM "${CLUSTER_PIDS[$i]}"
    wait "${CLUSTER_PIDS[$i]}" 2>/dev/null || true
    start_instance "$i"
    cluster_drain 0
    drill_event rolling "back-$i"
    sleep 1
  done
  drill_wait rolling
}

drill_postgres() {
  drill_start postgres "$CLUSTER_SECONDS" --workers 12 --answered --max-failure-ms 12000 --max-recovery-s 10
  sleep $((CLUSTER_SECONDS / 3))
  drill_event postgres down
  pg_as_owner "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop" >/dev/null
  sleep "$CLUSTER_OUTAGE"
  pg_as_owner "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -o '-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=300' -w start" >/dev/null
  drill_event postgres up
  drill_wait postgres
}

# The figures: the same load through nginx and against one instance alone.
cluster_figures() {
  local target name mix workers
  for mix in pages orders; do
    workers=32; [ "$mix" = orders ] && workers=16
    for target in nginx single; do
      name="figures-$mix-$target"
      local addr="127.0.0.1:$NGINX_PORT"
      [ "$target" = single ] && addr="127.0.0.1:${INSTANCE_PORTS[1]}"
      say "figures: $mix, $workers clients, $target"
      DATABASE_URL="$CLUSTER_DB" "$CLUSTER_BIN/avrop-bench" drill --addr "$addr" --mix "$mix" \
        --workers "$workers" --duration "$CLUSTER_SECONDS" >"$CLUSTER_RESULTS/$name.json" || return 1
      cat "$CLUSTER_RESULTS/$name.json"
    done
  done
}

cluster_main() {
  local debug=0 keep=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --debug) debug=1; shift ;;
      --seconds) CLUSTER_SECONDS="$2"; shift 2 ;;
      --keep) keep=1; shift ;;
      --no-build) CLUSTER_BUILD=0; shift ;;
      -h|--help) cluster_usage; exit 0 ;;
      *) die "unknown option $1 (see ./x cluster --help)" ;;
    esac
  done
  [ -z "$CLUSTER_SECONDS" ] && { [ "$debug" = 1 ] && CLUSTER_SECONDS=10 || CLUSTER_SECONDS=20; }
  # The release run's PostgreSQL outage outlasts the pool's 10 s wait for a
  # connection, so requests must fail (503) rather than wait it out.
  [ "$debug" = 1 ] || CLUSTER_OUTAGE=12
  [[ "$CLUSTER_SECONDS" =~ ^[0-9]+$ ]] && [ "$CLUSTER_SECONDS" -ge 6 ] || die "--seconds takes a whole number, at least 6"
  cluster_run "$debug" "$keep"
}

# cluster_run DEBUG KEEP: also the stage ./x test runs (DEBUG=1, after its
# debug build).
cluster_run() {
  local debug="$1" keep="${2:-0}" base="${CLUSTER_PORT:-3320}" rc=0 started=$SECONDS
  CLUSTER_SECONDS="${CLUSTER_SECONDS:-10}"
  CLUSTER_OUTAGE="${CLUSTER_OUTAGE:-3}"
  trap 'cluster_cleanup; cleanup' EXIT INT TERM
  ensure_build_tools
  ensure_test_tools
  if [ "$debug" = 1 ]; then
    [ -x target/debug/server ] || build_debug
    say "building the drill tool (debug)"
    cargo_test_env cargo build -q -p bench --bin avrop-bench
    CLUSTER_BIN=target/debug
  elif [ "$CLUSTER_BUILD" = 0 ]; then
    [ -x target/release/server ] && [ -x target/release/avrop-bench ] \
      || die "--no-build needs target/release/server and target/release/avrop-bench (run ./x cluster once without it)"
    say "using the release server built $(date -u -r target/release/server +'%Y-%m-%d %H:%M UTC')"
    CLUSTER_BIN=target/release
  else
    say "building the release server and the drill tool"
    cargo leptos build --release --split
    LEPTOS_OUTPUT_NAME="$OUTPUT_NAME" cargo build --release -p bench --bin avrop-bench
    CLUSTER_BIN=target/release
  fi
  NGINX_PORT="$base"
  INSTANCE_PORTS=("" $((base + 1)) $((base + 2)) $((base + 3)))
  for p in "$NGINX_PORT" "${INSTANCE_PORTS[@]:1}"; do free_port "$p"; done
  CLUSTER_DIR="$(mktemp -d /tmp/avrop-cluster.XXXXXX)"
  # nginx's workers (nobody, when started by root) reach its temp folders.
  chmod 755 "$CLUSTER_DIR"
  # The drills' figures and the instances' logs stay here after the run.
  CLUSTER_RESULTS="$ROOT/target/cluster"
  rm -rf "$CLUSTER_RESULTS" && mkdir -p "$CLUSTER_RESULTS"

  start_postgres
  pg_as_owner "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT -U postgres avrop"
  CLUSTER_DB="postgres://postgres@127.0.0.1:$PG_PORT/avrop"
  say "starting three instances on one PostgreSQL (ports ${INSTANCE_PORTS[*]:1})"
  start_instance 1 true
  start_instance 2
  start_instance 3
  say "starting nginx on 127.0.0.1:$NGINX_PORT in front of them"
  start_nginx

  local instances="127.0.0.1:${INSTANCE_PORTS[1]},127.0.0.1:${INSTANCE_PORTS[2]},127.0.0.1:${INSTANCE_PORTS[3]}"
  check "cluster: sessions and one order across instances" \
    env DATABASE_URL="$CLUSTER_DB" "$CLUSTER_BIN/avrop-bench" cluster-check --instances "$instances" \
    --public "http://127.0.0.1:$NGINX_PORT"
  check "cluster: one instance killed (SIGKILL) under load" drill_kill
  check "cluster: rolling restart under load" drill_rolling
  check "cluster: PostgreSQL restarted under load" drill_postgres
  if [ "$debug" = 0 ]; then
    check "cluster: figures through nginx and on one instance" cluster_figures
  fi
  say "the cluster stage took $((SECONDS - started)) s; figures in $CLUSTER_RESULTS/"
  if [ "$keep" = 1 ]; then
    say "the cluster keeps running: http://127.0.0.1:$NGINX_PORT (Ctrl-C stops it)"
    wait
  fi
  cluster_cleanup
  trap cleanup EXIT INT TERM
}
