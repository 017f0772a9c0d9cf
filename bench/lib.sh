# Helpers sourced by run.sh: timing, idle waits, result rows, wrk, and starting and stopping
# the processes under test (Distribution, Portalcrane, nginx), always by PID.
# Adapted from the team's shared registry benchmark helpers.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=${BENCH_WORK:?BENCH_WORK must be set}   # scratch space; run.sh picks a temp folder by default
DATA=$WORK/data                              # generated images and blobs (big, removed at the end)
TMP=$WORK/tmp                                # registry data folders, pulls, configs (big, removed at the end)
RESULTS=${RESULTS:-$WORK/results/results.tsv}
LABELS=${RESULTS%.tsv}.labels.tsv
LOGS=$WORK/logs
mkdir -p "$DATA" "$TMP" "$LOGS" "$(dirname "$RESULTS")"

# One benchmark run at a time on this machine (two would skew each other). Same lock file as
# the team's shared scripts, so a run of those and a run of this never overlap either. Every
# process started here gets fd 9 closed (9>&-), so a stray one can never keep the lock.
if [ -z "${BENCH_LOCKED:-}" ]; then
  exec 9>/tmp/bench.lock
  flock -w "${LOCK_WAIT:-3600}" 9 || { echo "another bench run holds /tmp/bench.lock" >&2; exit 1; }
  export BENCH_LOCKED=1
fi

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
gen() { python3 "$BENCH_DIR/gen_image.py" "$@" >/dev/null; }
# record NAME UNIT VALUES...: one TSV row (median, min, max, values); NAME is KEY/REG
record() { python3 "$BENCH_DIR/results.py" add "$RESULTS" "$@" >&2; }
# describe KEY LABEL UNIT higher|lower: how report.py names a metric and which way is better
describe() { printf '%s\t%s\t%s\t%s\n' "$@" >>"$LABELS"; }
digest() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }
mb() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.2f", b / s / 1e6 }'; }   # BYTES SECS -> MB/s

# cpu_idle_pct: percent of CPU time idle (or waiting on IO) over the next second
cpu_idle_pct() {
  local a b k ta=0 tb=0
  read -ra a </proc/stat; sleep 1; read -ra b </proc/stat
  for k in 1 2 3 4 5 6 7 8; do ta=$((ta + a[k])); tb=$((tb + b[k])); done
  echo $((100 * (b[4] + b[5] - a[4] - a[5]) / (tb - ta)))
}

# quiet: wait (at most QUIET_MAX s) until the machine is >= QUIET_PCT% idle, so other work on
# it does not land in the next timed step; logs when it never got quiet.
quiet() {
  local i idle=0
  for ((i = 0; i < QUIET_MAX; i++)); do
    idle=$(cpu_idle_pct)
    ((idle >= QUIET_PCT)) && return 0
  done
  log "machine still busy (${idle}% idle) after ${QUIET_MAX}s; measuring anyway: $*"
  echo "$(date -u +%FT%TZ) ${idle}% idle before: $*" >>"${RESULTS%.tsv}.busy.log"
}

proc_cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }   # PID -> CPU s used
proc_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }   # PID FIELD -> kB

# timed ARRAY CMD...: sync, wait until quiet, run CMD, append its wall time (s) to ARRAY.
# With MEM_PID set (MEM_PID=pid timed ...): reads that process's VmRSS just before CMD, resets its
# peak (echo 5 > clear_refs), and after CMD sets MEM_DELTA_MB = (VmHWM - that VmRSS) in MB (1e6 B;
# 0 when the process shrank in between) and MEM_IDLE_MB = that VmRSS.
timed() {
  local -n _acc=$1; shift
  local idle t0 t1 hwm
  sync
  quiet "$@"
  if [ -n "${MEM_PID:-}" ]; then
    idle=$(proc_kb "$MEM_PID" VmRSS)
    echo 5 >"/proc/$MEM_PID/clear_refs"
  fi
  t0=$EPOCHREALTIME
  "$@" || { log "failed: $*"; return 1; }
  t1=$EPOCHREALTIME
  if [ -n "${MEM_PID:-}" ]; then
    hwm=$(proc_kb "$MEM_PID" VmHWM)
    MEM_DELTA_MB=$(awk -v h="$hwm" -v i="$idle" 'BEGIN { d = h - i; printf "%.1f", (d > 0 ? d : 0) * 1024 / 1e6 }')
    MEM_IDLE_MB=$(awk -v i="$idle" 'BEGIN { printf "%.1f", i * 1024 / 1e6 }')
  fi
  _acc+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
}

# wait_cached FILE BYTES MAX: wait (at most MAX s) until all BYTES of FILE are in the page cache
# (util-linux fincore), polling every 0.25 s (light: a process start costs CPU); fails when they
# are not by then.
wait_cached() {
  local res end=$((SECONDS + $3))
  while ((SECONDS < end)); do
    res=$(fincore --bytes --noheadings --output RES "$1" 2>/dev/null) || return 1
    ((res >= $2)) && return 0
    sleep 0.25
  done
  return 1
}

# wrk_once URL CONC [WRK ARGS...]: one wrk run of WRK_DUR s; prints "REQ/S P99_MS". Fails on any
# socket error or non-2xx/3xx answer, so a wrong URL cannot pass as a fast one.
wrk_once() {
  local url=$1 c=$2 line n us bytes errs bad p99
  shift 2
  quiet "wrk $url"
  line=$(timeout $((WRK_DUR + 60)) wrk -t$((c < 2 ? c : 2)) -c"$c" -d"${WRK_DUR}s" --timeout 30s \
           -s "$BENCH_DIR/wrk_report.lua" "$@" "$url" 9>&- | grep '^WRK ') || { log "wrk failed: $url"; return 1; }
  read -r _ n us bytes errs bad p99 <<<"$line"
  if ((errs + bad > 0 || n == 0)); then log "wrk $url: $n ok, $errs socket errors, $bad bad status"; return 1; fi
  awk -v n="$n" -v us="$us" -v l="$p99" 'BEGIN { printf "%.1f %.3f\n", n / us * 1e6, l / 1000 }'
}

# free_ports N: N distinct free TCP ports on 127.0.0.1, chosen by the kernel
free_ports() {
  python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_http PID URL: wait until URL answers 200 (or the process died / 60 s passed)
wait_http() {
  local i
  for ((i = 0; i < 600; i++)); do
    curl -fs -o /dev/null "$2" && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# is_process PID WORD: the PID that $! gave is the server itself (it reads its memory and stops it)
is_process() {
  local i
  for ((i = 0; i < 50; i++)); do
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "$2" && return 0
    sleep 0.1
  done
  die "process $1 is not $2"
}

STARTED=()   # PIDs of the processes this run started; stop_all ends exactly these

# start_dist DIR PORT: Distribution on 127.0.0.1:PORT storing under DIR/storage; sets DIST_PID
start_dist() {
  local dir=$1 port=$2
  mkdir -p "$dir/storage"
  cat >"$dir/config.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
  port_free "$port" || die "port $port is in use"
  docker-registry serve "$dir/config.yml" >"$LOGS/dist-$PHASE.log" 2>&1 9>&- &
  DIST_PID=$!
  STARTED+=("$DIST_PID")
  is_process "$DIST_PID" docker-registry
  wait_http "$DIST_PID" "http://127.0.0.1:$port/v2/" ||
    die "Distribution did not start on port $port; see $LOGS/dist-$PHASE.log"
}

# start_pc DIR PORT: Portalcrane on 127.0.0.1:PORT with DATA_DIR=DIR; sets PC_PID. It runs in its
# publish folder, as a deployment would. Registry authentication is off
# (REGISTRY_PROXY_AUTH_ENABLED=false), as Distribution runs without auth here: both registries
# answer the same anonymous requests.
start_pc() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  port_free "$port" || die "port $port is in use"
  DATA_DIR=$dir REGISTRY_PROXY_AUTH_ENABLED=false env -C "$PUBLISH" dotnet "$PUBLISH/Portalcrane.dll" --urls "http://127.0.0.1:$port" \
    >"$LOGS/pc-$PHASE.log" 2>&1 9>&- &
  PC_PID=$!
  STARTED+=("$PC_PID")
  is_process "$PC_PID" Portalcrane.dll
  wait_http "$PC_PID" "http://127.0.0.1:$port/v2/" ||
    die "Portalcrane did not start on port $port; see $LOGS/pc-$PHASE.log"
}

# start_nginx ROOT PORT: nginx (sendfile on, 2 workers) serving ROOT on 127.0.0.1:PORT; sets NGX_PID
start_nginx() {
  local root=$1 port=$2 dir=$TMP/nginx
  mkdir -p "$dir"
  echo ok >"$root/ping"
  cat >"$dir/nginx.conf" <<CONF
user $(id -un) $(id -gn);
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  default_type application/octet-stream;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server { listen 127.0.0.1:$port; root $root; }
}
CONF
  port_free "$port" || die "port $port is in use"
  nginx -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' >"$LOGS/nginx.log" 2>&1 9>&- &
  NGX_PID=$!
  STARTED+=("$NGX_PID")
  wait_http "$NGX_PID" "http://127.0.0.1:$port/ping" || die "nginx did not start on port $port; see $dir/error.log"
}

# stop PID: TERM, wait up to 15 s, then KILL; only ever a PID this run started
stop() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
# forget PID: drop a stopped PID from STARTED (a PID can be reused by an unrelated process later)
forget() { local p keep=(); for p in "${STARTED[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done; STARTED=("${keep[@]}"); }
stop_all() { local p; for p in "${STARTED[@]}"; do stop "$p"; done; STARTED=(); }
