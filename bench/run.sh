#!/usr/bin/env bash
# Portalcrane vs CNCF Distribution (Debian docker-registry 2.8.2), same workloads, same run,
# with physical references (OpenSSL SHA-256, nginx sendfile). Not part of the tests.
#
#   bench/run.sh                 full size (1 GiB blobs and images, 10,000 repos, 5 runs)
#   SMALL=1 bench/run.sh         smoke run (64 MiB, 500 repos, 1 run)
#
# Prints a table (Distribution, Portalcrane, ratio per workload) and PASS/FAIL target lines.
# Settings are environment variables; see bench/README.md.
set -euo pipefail
BENCH_SRC=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$BENCH_SRC/.." && pwd)

# ---------------------------------------------------------------- settings
SMALL=${SMALL:-0}
if [ "$SMALL" = 1 ]; then
  : "${BLOB_SIZE:=64M}" "${IMAGE_SIZE:=64M}" "${CATALOG_REPOS:=500}" "${RUNS:=1}"
  : "${WRK_DUR:=3}" "${WRK_REPS:=1}" "${LISTING_REPS:=2}" "${TAGS_REPS:=5}" "${QUIET_MAX:=5}"
else
  : "${BLOB_SIZE:=1G}" "${IMAGE_SIZE:=1G}" "${CATALOG_REPOS:=10000}" "${RUNS:=5}"
  : "${WRK_DUR:=10}" "${WRK_REPS:=3}" "${LISTING_REPS:=3}" "${TAGS_REPS:=20}" "${QUIET_MAX:=120}"
fi
: "${IMAGE_LAYERS:=4}"         # the big image: IMAGE_SIZE split into this many equal layers
: "${SMALL_LAYERS:=200}"       # the many-layer image: this many layers ...
: "${SMALL_LAYER_SIZE:=64K}"   # ... of this size each
: "${CATALOG_PAGE:=100}"       # _catalog page size (n=)
: "${TAGS:=1000}"              # tags of the tags/list repository
: "${WRK_CONN:=32}"            # wrk connections for the manifest GET
: "${QUIET_PCT:=90}"           # a timed step waits (at most QUIET_MAX s) for this much idle CPU
: "${PHASES:=http pushpull catalog}"
: "${WARMUP:=1}"               # untimed warm-up of each registry before the timed steps (0: none)
export WRK_DUR QUIET_MAX QUIET_PCT

# ---------------------------------------------------------------- prerequisites
missing=()
for pair in skopeo:skopeo docker-registry:docker-registry nginx:nginx-light wrk:wrk curl:curl openssl:openssl \
            flock:util-linux fincore:util-linux sha256sum:coreutils; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
  echo "bench: missing tools. Install them with:" >&2
  echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "bench: python3 is missing (sudo apt-get install python3)" >&2; exit 2; }
command -v dotnet >/dev/null || { echo "bench: dotnet (the .NET 10 SDK) is missing" >&2; exit 2; }

# ---------------------------------------------------------------- scratch space
if [ -z "${BENCH_WORK:-}" ]; then
  BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/portalcrane-bench.XXXXXX")
fi
mkdir -p "$BENCH_WORK"
BENCH_WORK=$(cd "$BENCH_WORK" && pwd)
export BENCH_WORK
. "$BENCH_SRC/lib.sh"
rm -f "$RESULTS" "$LABELS" "${RESULTS%.tsv}.busy.log" "$WORK/results/report.txt" "$LOGS"/*.log

BUILT=""
cleanup() {
  local rc=$?
  stop_all
  rm -rf "$DATA" "$TMP" ${BUILT:+"$BUILT"}        # the big files; results/ and logs/ stay
  if ((rc)); then echo "bench: failed (exit $rc); logs in $LOGS" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

size_bytes() { python3 -B -c 'import sys; sys.path.insert(0, sys.argv[1]); from gen_image import parse_size; print(parse_size(sys.argv[2]))' "$BENCH_SRC" "$1"; }
human() { python3 -c '
import sys
b = int(sys.argv[1])
for u, m in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
    if b >= m:
        print(f"{b / m:g} {u}"); break
else:
    print(f"{b} B")' "$1"; }
BLOB_BYTES=$(size_bytes "$BLOB_SIZE")
IMAGE_BYTES=$(size_bytes "$IMAGE_SIZE")
LAYER_BYTES=$((IMAGE_BYTES / IMAGE_LAYERS))
BLOB_H=$(human "$BLOB_BYTES")
IMAGE_H=$(human "$IMAGE_BYTES")
LAYER_H=$(human "$LAYER_BYTES")

# Disk: each registry keeps its phase's blobs until the phase ends (RUNS x size each), plus the
# generated file or image and a pull. Refuse to start rather than fill a shared disk halfway.
big=$((BLOB_BYTES > IMAGE_BYTES ? BLOB_BYTES : IMAGE_BYTES))
need=$(((2 * RUNS + 3) * big + (1 << 30)))
avail=$(($(df -Pk "$WORK" | awk 'NR == 2 { print $4 }') * 1024))
((avail >= need)) || die "$WORK has $((avail >> 20)) MiB free, this run needs about $((need >> 20)) MiB (use BENCH_WORK=...)"

# ---------------------------------------------------------------- Portalcrane build
# Published from a copy of the working tree (tracked and untracked, not ignored files), so the
# build never writes into the repository's bin/ and obj/ (another build may be using them).
if [ -n "${PUBLISH:-}" ]; then
  PUBLISH=$(cd "$PUBLISH" && pwd)
  [ -f "$PUBLISH/Portalcrane.dll" ] || die "PUBLISH=$PUBLISH has no Portalcrane.dll"
else
  BUILT=$WORK/build
  PUBLISH=$BUILT/publish
  log "building Portalcrane (dotnet publish -c Release, from a copy of the working tree)"
  rm -rf "$BUILT"; mkdir -p "$BUILT/src"
  (cd "$REPO_ROOT" && git ls-files -z --cached --others --exclude-standard | grep -zv '^bench/' |
     tar --null -T - -cf -) | tar -xf - -C "$BUILT/src"
  (cd "$BUILT/src" && nice -n 10 dotnet publish src/Portalcrane -c Release -o "$PUBLISH" -nologo 9>&-) \
    >"$LOGS/build.log" 2>&1 || { tail -30 "$LOGS/build.log" >&2; die "dotnet publish failed; see $LOGS/build.log"; }
fi

# ---------------------------------------------------------------- ports, registries
read -r p1 p2 p3 <<<"$(free_ports 3)"
DIST_PORT=${DIST_PORT:-$p1}
PC_PORT=${PC_PORT:-$p2}
NGINX_PORT=${NGINX_PORT:-$p3}
declare -A HOST=([dist]=127.0.0.1:$DIST_PORT [pc]=127.0.0.1:$PC_PORT) URL PID
URL[dist]=http://${HOST[dist]}
URL[pc]=http://${HOST[pc]}
STAMP=$(date +%s)

# both registries on fresh, empty data folders for one phase; stopped (by PID) by stop_registries
start_registries() {
  PHASE=$1
  rm -rf "$TMP/dist-$PHASE" "$TMP/pc-$PHASE"
  start_dist "$TMP/dist-$PHASE" "$DIST_PORT"; PID[dist]=$DIST_PID
  start_pc "$TMP/pc-$PHASE" "$PC_PORT"; PID[pc]=$PC_PID
  log "phase $PHASE: Distribution pid ${PID[dist]} on ${HOST[dist]}, Portalcrane pid ${PID[pc]} on ${HOST[pc]}"
}
stop_registries() {
  stop "${PID[dist]}"; forget "${PID[dist]}"
  stop "${PID[pc]}"; forget "${PID[pc]}"
  rm -rf "$TMP/dist-$PHASE" "$TMP/pc-$PHASE"
}
# the registry order of run I: Distribution first in odd runs, Portalcrane first in even ones
order() { if (($1 % 2)); then echo dist pc; else echo pc dist; fi; }

push_val() { local -n _a=$1; _a+=("$2"); }
record_arr() { local -n _v=$3; record "$1" "$2" "${_v[@]}"; }       # NAME UNIT ARRAY
record_ms() {                                                       # NAME ARRAY (of seconds)
  local -n _s=$2
  local s v=()
  for s in "${_s[@]}"; do v+=("$(awk -v x="$s" 'BEGIN { printf "%.3f", x * 1000 }')"); done
  record "$1" ms "${v[@]}"
}
record_rate() {                                                     # NAME BYTES ARRAY (of seconds)
  local -n _s=$3
  local s v=()
  for s in "${_s[@]}"; do v+=("$(mb "$2" "$s")"); done
  record "$1" MB/s "${v[@]}"
}

# ---------------------------------------------------------------- client operations
upload() {  # BASEURL REPO FILE DIGEST: monolithic upload, POST then PUT ?digest= with the body
  local loc code
  loc=$(curl -fsS -X POST -o /dev/null -D - "$1/v2/$2/blobs/uploads/" |
        tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
  [ -n "$loc" ] || { log "POST $1/v2/$2/blobs/uploads/: no Location"; return 1; }
  [[ $loc == /* ]] && loc=$1$loc
  [[ $loc == *\?* ]] && loc+="&digest=$4" || loc+="?digest=$4"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Expect:' -H 'Content-Type: application/octet-stream' -T "$3" "$loc")
  [ "$code" = 201 ] || { log "PUT $loc: HTTP $code, want 201"; return 1; }
}
get_blob() {  # URL BYTES: GET, fail unless exactly BYTES came back
  local n
  n=$(curl -fsS -o /dev/null -w '%{size_download}' "$1") || return 1
  [ "$n" = "$2" ] || { log "GET $1: $n bytes, want $2"; return 1; }
}

# skopeo keeps a blob-info cache (boltdb, one fsync per record) in /var/lib/containers/cache
# as root or ~/.local/share/containers/cache otherwise. Pointing it at a plain file of ours makes
# skopeo fall back to a per-process memory cache, without touching the machine's cache.
SKOPEO_HOME=$TMP/skopeo
SKOPEO=(env "XDG_DATA_HOME=$SKOPEO_HOME" "_CONTAINERS_ROOTLESS_UID=$(($(id -u) ? $(id -u) : 65534))" skopeo)
skopeo_push() { timeout 1800 "${SKOPEO[@]}" copy -q --dest-tls-verify=false "oci:$1:latest" "docker://$2/$3:latest" 9>&-; }
skopeo_pull() { rm -rf "$3"; timeout 1800 "${SKOPEO[@]}" copy -q --src-tls-verify=false "docker://$1/$2:latest" "oci:$3:latest" 9>&-; }

# ---------------------------------------------------------------- header
tool_version() { "$@" 2>&1 | head -1; }
echo "Portalcrane benchmark, $(date -u +%FT%TZ)"
echo "  repository   $REPO_ROOT @ $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$([ -z "$(git -C "$REPO_ROOT" status --porcelain -- . ':!bench' 2>/dev/null)" ] || echo ' (working tree modified)')"
echo "  machine      $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  work dir     $WORK ($(findmnt -no FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK"))"   # stat says ext2/ext3 for ext4
echo "  portalcrane  $PUBLISH ($(dotnet --list-runtimes | awk '/AspNetCore/ { v = $2 } END { print "ASP.NET Core " v }'))"
echo "  distribution $(tool_version docker-registry --version)"
echo "  tools        $(tool_version skopeo --version); $(tool_version nginx -v); $(tool_version wrk --version | cut -d' ' -f1-2); $(tool_version openssl version | cut -d' ' -f1-2); curl $(curl --version | head -1 | cut -d' ' -f2)"
echo "  sizes        blob $BLOB_H; image $IMAGE_H ($IMAGE_LAYERS x $LAYER_H); $SMALL_LAYERS x $SMALL_LAYER_SIZE layers; $CATALOG_REPOS repos, pages of $CATALOG_PAGE; $TAGS tags"
echo "  runs         RUNS=$RUNS, wrk ${WRK_REPS}x${WRK_DUR}s at c=$WRK_CONN, listings ${LISTING_REPS}x (tags ${TAGS_REPS}x), idle wait <= ${QUIET_MAX}s for ${QUIET_PCT}% idle"
echo "  ports        Distribution ${DIST_PORT}, Portalcrane ${PC_PORT}, nginx ${NGINX_PORT} (127.0.0.1)"
case "$(docker-registry --version 2>&1)" in *" 2.8."*) ;; *) log "warning: docker-registry is not 2.8.x";; esac

# ---------------------------------------------------------------- phase: raw HTTP + references
phase_http() {
  local i r f d t c www=$DATA/www ssl=() ngx=() disk=() fill=() warm=() warm_cpu=() up_dist=() up_pc=() first_dist=() first_pc=() get_dist=() get_pc=() mem_dist=() mem_pc=()
  start_registries http
  mkdir -p "$www"
  start_nginx "$www" "$NGINX_PORT"
  if ((WARMUP)); then                                          # untimed: first-use costs (JIT, caches)
    log "warm-up: upload and GET of a 4 MiB blob on each registry"
    gen blob "$www/warmup" 4M --seed "warmup-$STAMP"
    d=$(digest "$www/warmup")
    get_blob "http://127.0.0.1:$NGINX_PORT/warmup" $((4 << 20))
    for r in dist pc; do
      upload "${URL[$r]}" bench/warmup "$www/warmup" "$d"
      get_blob "${URL[$r]}/v2/bench/warmup/blobs/$d" $((4 << 20))
    done
    rm -f "$www/warmup"
  fi
  log "raw upload / GET of a $BLOB_H blob, OpenSSL SHA-256 and nginx GET of the same file, $RUNS runs"
  for ((i = 1; i <= RUNS; i++)); do
    f=$www/blob-$i
    gen blob "$f" "$BLOB_SIZE" --seed "raw-$STAMP-$i"
    d=$(digest "$f")
    cat "$f" >/dev/null                                       # into the page cache
    timed ssl openssl dgst -sha256 "$f" >/dev/null
    for r in $(order "$i"); do
      MEM_PID=${PID[$r]} timed "up_$r" upload "${URL[$r]}" "bench/raw-$i" "$f" "$d"
      push_val "mem_$r" "$MEM_DELTA_MB"
    done
    # The first GET after the upload reads what the upload left on disk: Distribution filled the
    # page cache while uploading; Portalcrane writes past it (direct I/O), so its first GET reads
    # from the disk, past the cache too, and it warms the cache afterwards while the machine is
    # idle. The bench waits for that, as nginx's file was read into the cache above, and records
    # how long it took. The second GET serves the blob from the page cache, as nginx serves its
    # file, which is measured right before so that the machine's drift stays out of the ratio.
    for r in $(order "$i"); do
      timed "first_$r" get_blob "${URL[$r]}/v2/bench/raw-$i/blobs/$d" "$BLOB_BYTES"
      [ "$r" = pc ] && { t=$EPOCHREALTIME; c=$(proc_cpu_s "${PID[pc]}"); }
    done
    if wait_cached "$TMP/pc-http/blobs/sha256/${d:7:2}/${d#sha256:}" "$BLOB_BYTES" 120; then
      warm+=("$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')")
      warm_cpu+=("$(awk -v a="$c" -v b="$(proc_cpu_s "${PID[pc]}")" 'BEGIN { printf "%.2f", b - a }')")
    else
      log "Portalcrane's blob raw-$i was not in the page cache 120 s after its first GET"
    fi
    timed ngx get_blob "http://127.0.0.1:$NGINX_PORT/blob-$i" "$BLOB_BYTES"
    for r in $(order "$i"); do
      timed "get_$r" get_blob "${URL[$r]}/v2/bench/raw-$i/blobs/$d" "$BLOB_BYTES"
    done
    # References for the first GET: a copy of the blob written past the page cache (as
    # Portalcrane's uploads are), read once from the disk alone (direct I/O, nothing cached) and
    # once through the page cache, which that read has to fill, as the first GET does.
    if dd if="$f" of="$TMP/cold" bs=4M oflag=direct status=none 9>&-; then
      timed disk dd if="$TMP/cold" of=/dev/null bs=1M iflag=direct status=none
      timed fill dd if="$TMP/cold" of=/dev/null bs=1M status=none
    else
      log "direct I/O refused on $TMP: no disk and page-cache fill references"
    fi
    rm -f "$f" "$TMP/cold"
  done
  describe sha256 "OpenSSL SHA-256 (openssl dgst, cached $BLOB_H file)" MB/s higher
  describe nginx_get "nginx GET $BLOB_H, sendfile, curl" MB/s higher
  describe upload "raw upload $BLOB_H (curl POST + PUT ?digest=)" MB/s higher
  describe get_first "raw download $BLOB_H, first GET after upload" MB/s higher
  describe get "raw download $BLOB_H, in page cache (curl GET)" MB/s higher
  describe warm "page cache warm after the first GET (seconds after it)" s lower
  describe warm_cpu "CPU spent meanwhile (warming the page cache)" s lower
  describe disk "dd $BLOB_H from disk, direct I/O" MB/s higher
  describe fill "dd $BLOB_H from disk into the page cache" MB/s higher
  describe mem_upload "peak memory above idle, raw upload $BLOB_H" MB lower
  record_rate sha256/ref "$BLOB_BYTES" ssl
  record_rate nginx_get/ref "$BLOB_BYTES" ngx
  if ((${#fill[@]})); then
    record_rate disk/ref "$BLOB_BYTES" disk
    record_rate fill/ref "$BLOB_BYTES" fill
  fi
  ((${#warm[@]})) && { record_arr warm/pc s warm; record_arr warm_cpu/pc s warm_cpu; }
  for r in dist pc; do
    record_rate "upload/$r" "$BLOB_BYTES" "up_$r"
    record_rate "get_first/$r" "$BLOB_BYTES" "first_$r"
    record_rate "get/$r" "$BLOB_BYTES" "get_$r"
    record_arr "mem_upload/$r" MB "mem_$r"
  done
  stop "$NGX_PID"; forget "$NGX_PID"

  log "manifest GET by tag, wrk c=$WRK_CONN, $WRK_REPS x ${WRK_DUR}s"
  local img=$DATA/small rps_dist=() rps_pc=() p99_dist=() p99_pc=() out
  gen image "$img" --layers 4K,4K,4K --seed "small-$STAMP"
  for r in dist pc; do
    python3 "$BENCH_SRC/populate.py" "${URL[$r]}" "$img" --repo bench/manifest >/dev/null
  done
  rm -rf "$img"
  if ((WARMUP)); then
    for r in dist pc; do
      WRK_DUR=1 wrk_once "${URL[$r]}/v2/bench/manifest/manifests/latest" "$WRK_CONN" \
        -H 'Accept: application/vnd.oci.image.manifest.v1+json' >/dev/null
    done
  fi
  for ((i = 1; i <= WRK_REPS; i++)); do
    for r in $(order "$i"); do
      out=$(wrk_once "${URL[$r]}/v2/bench/manifest/manifests/latest" "$WRK_CONN" \
              -H 'Accept: application/vnd.oci.image.manifest.v1+json')
      push_val "rps_$r" "${out% *}"
      push_val "p99_$r" "${out#* }"
    done
  done
  describe manifest "manifest GET by tag, wrk c=$WRK_CONN" req/s higher
  describe manifest_p99 "manifest GET by tag, wrk c=$WRK_CONN, p99 latency" ms lower
  for r in dist pc; do
    record_arr "manifest/$r" req/s "rps_$r"
    record_arr "manifest_p99/$r" ms "p99_$r"
  done
  stop_registries
}

# ---------------------------------------------------------------- phase: skopeo push / pull
push_pull() {  # KIND LAYERS KEYSUFFIX MEM(0|1)
  local kind=$1 layers=$2 key=$3 mem=$4 i r dir bytes push_dist=() push_pc=() pull_dist=() pull_pc=() mem_dist=() mem_pc=() idle_dist=() idle_pc=()
  for ((i = 1; i <= RUNS; i++)); do
    dir=$DATA/$kind-$i
    gen image "$dir" --layers "$layers" --seed "$kind-$STAMP-$i"
    bytes=$(python3 "$BENCH_SRC/gen_image.py" size "$dir")
    for r in $(order "$i"); do
      if ((mem)); then
        MEM_PID=${PID[$r]} timed "push_$r" skopeo_push "$dir" "${HOST[$r]}" "bench/$kind-$i"
        push_val "mem_$r" "$MEM_DELTA_MB"
        push_val "idle_$r" "$MEM_IDLE_MB"
      else
        timed "push_$r" skopeo_push "$dir" "${HOST[$r]}" "bench/$kind-$i"
      fi
    done
    for r in $(order "$i"); do
      timed "pull_$r" skopeo_pull "${HOST[$r]}" "bench/$kind-$i" "$TMP/pull-$r"
      rm -rf "$TMP/pull-$r"
    done
    rm -rf "$dir"
  done
  for r in dist pc; do
    record_arr "push$key/$r" s "push_$r"
    record_arr "pull$key/$r" s "pull_$r"
    if ((mem)); then
      record_arr "mem_push$key/$r" MB "mem_$r"
      record_arr "mem_idle/$r" MB "idle_$r"
    fi
  done
  return 0
}

phase_pushpull() {
  start_registries pushpull
  rm -rf "$SKOPEO_HOME"; mkdir -p "$SKOPEO_HOME/containers"; : >"$SKOPEO_HOME/containers/cache"
  if ((WARMUP)); then
    log "warm-up: skopeo push and pull of a 2 x 1 MiB image on each registry"
    gen image "$DATA/warmup" --layers 1M,1M --seed "warmup-$STAMP"
    for r in dist pc; do
      skopeo_push "$DATA/warmup" "${HOST[$r]}" bench/warmup
      skopeo_pull "${HOST[$r]}" bench/warmup "$TMP/pull-$r"
      rm -rf "$TMP/pull-$r"
    done
    rm -rf "$DATA/warmup"
  fi
  log "skopeo push / pull of a $IMAGE_H image ($IMAGE_LAYERS layers of $LAYER_H), $RUNS runs"
  describe push1g "skopeo push $IMAGE_H image ($IMAGE_LAYERS x $LAYER_H)" s lower
  describe pull1g "skopeo pull $IMAGE_H image ($IMAGE_LAYERS x $LAYER_H)" s lower
  describe mem_push1g "peak memory above idle, skopeo push $IMAGE_H image" MB lower
  describe mem_idle "idle memory (VmRSS) just before that push" MB lower
  push_pull big "$(python3 -c 'import sys; print(",".join([sys.argv[1]] * int(sys.argv[2])))' "$LAYER_BYTES" "$IMAGE_LAYERS")" 1g 1
  log "skopeo push / pull of a $SMALL_LAYERS-layer image ($SMALL_LAYER_SIZE layers), $RUNS runs"
  describe push200 "skopeo push $SMALL_LAYERS-layer image ($SMALL_LAYER_SIZE layers)" s lower
  describe pull200 "skopeo pull $SMALL_LAYERS-layer image ($SMALL_LAYER_SIZE layers)" s lower
  push_pull many "$(python3 -c 'import sys; print(",".join([sys.argv[1]] * int(sys.argv[2])))' "$SMALL_LAYER_SIZE" "$SMALL_LAYERS")" 200 0
  stop_registries
}

# ---------------------------------------------------------------- phase: catalog and tags/list
listing() {  # REG PATH REPS WANT_ENTRIES ARRAY: full paged listing, times appended to ARRAY (s)
  local r=$1 out n pages t
  local -n _t=$5
  quiet "listing $r $2"
  out=$(timeout 7200 python3 "$BENCH_SRC/listing.py" "${URL[$r]}" "$2" --reps "$3" 9>&-)
  read -r n pages t <<<"$out"
  [ "$n" = "$4" ] || die "$r $2: listed $n entries, want $4"
  log "$r $2: $n entries in $pages pages"
  read -ra t <<<"$t"
  _t+=("${t[@]}")
}

phase_catalog() {
  local r out cat_dist=() cat_pc=() tags_dist=() tags_pc=()
  start_registries catalog
  gen many "$DATA/cat" --repos "$CATALOG_REPOS" --tags 1 --prefix bench/cat- --seed "cat-$STAMP"
  gen many "$DATA/tags" --repos 1 --tags "$TAGS" --prefix bench/tags- --seed "tags-$STAMP"
  log "populating $CATALOG_REPOS repositories (populate.py, 4 threads)"
  describe populate "populate $CATALOG_REPOS repos (blob mounts + manifest PUT, 4 threads)" manifests/s higher
  for r in dist pc; do
    quiet "populate $r"
    out=$(timeout 7200 python3 "$BENCH_SRC/populate.py" "${URL[$r]}" "$DATA/cat" 9>&-)
    log "populate $r: $out"
    record "populate/$r" manifests/s "$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["manifests_per_s"])' "$out")"
  done
  log "full _catalog listing in pages of $CATALOG_PAGE, $LISTING_REPS reps (after 1 warm-up)"
  describe catalog "full _catalog listing, $CATALOG_REPOS repos in pages of $CATALOG_PAGE" s lower
  for r in $(order 1); do listing "$r" "/v2/_catalog?n=$CATALOG_PAGE" "$LISTING_REPS" "$CATALOG_REPOS" "cat_$r"; done
  for r in dist pc; do record_arr "catalog/$r" s "cat_$r"; done

  log "tags/list of a $TAGS-tag repository, $TAGS_REPS reps"
  for r in dist pc; do
    python3 "$BENCH_SRC/populate.py" "${URL[$r]}" "$DATA/tags" 9>&- >/dev/null
  done
  describe tags "tags/list of a $TAGS-tag repository" ms lower
  for r in $(order 2); do listing "$r" /v2/bench/tags-00000/tags/list "$TAGS_REPS" "$TAGS" "tags_$r"; done
  for r in dist pc; do record_ms "tags/$r" "tags_$r"; done
  rm -rf "$DATA/cat" "$DATA/tags"
  stop_registries
}

for phase in $PHASES; do
  case $phase in
    http) phase_http ;;
    pushpull) phase_pushpull ;;
    catalog) phase_catalog ;;
    *) die "unknown phase '$phase' (PHASES is a list of: http pushpull catalog)" ;;
  esac
done

strict=(); [ "${STRICT:-0}" = 1 ] && strict=(--strict)
python3 "$BENCH_SRC/report.py" "$RESULTS" "$LABELS" "${strict[@]}" | tee "$WORK/results/report.txt"
echo
echo "results: $RESULTS (every run's values), report: $WORK/results/report.txt, logs: $LOGS"
[ -s "${RESULTS%.tsv}.busy.log" ] && echo "note: some steps ran on a busy machine; see ${RESULTS%.tsv}.busy.log"
exit 0
