#!/usr/bin/env bash
# Builds docker/Dockerfile with podman on a host that cannot pull from Docker Hub, runs the image, and checks it from
# outside the container. Exits non-zero if any check fails. Needs root (rootful podman), podman, runc, debootstrap,
# curl, and python3 with torch for the last check (docker/README.md, "Build and run locally with podman").
#
#   bash docker/build-local.sh            # all of it: local bases (if missing), image, run, checks
#   KEEP=1 bash docker/build-local.sh     # leave the container's run directory in place (see "runs:" in the summary)
#
# Environment: IMAGE (default localhost/jtorch:cpu), HOST_PORT (18080), WORK (/var/tmp/jtorch-build-local: the
# debootstrap root and the run directory), DEBIAN_MIRROR (default: the first Debian URI apt uses here),
# PYTHON (a python3 with torch; default /usr/bin/python3, then python3 on PATH),
# PODMAN_RUNTIME (default /usr/sbin/runc when present: crun refuses some cgroup setups), CONTAINERS_CONF (default:
# a file under WORK with `default_ulimits = []`: some hosts refuse podman's default ulimits), PODMAN_BUILD_ARGS
# (extra arguments to podman build, e.g. --no-cache), HOST_NETWORK=1 (skip -p: run with --network host at once).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/jtorch:cpu}
DEBIAN_IMAGE=localhost/jtorch-local/debian:bookworm
MAVEN_IMAGE=localhost/jtorch-local/maven:17
RUNTIME_IMAGE=localhost/jtorch-local/runtime:17
HOST_PORT=${HOST_PORT:-18080}
WORK=${WORK:-/var/tmp/jtorch-build-local}
NAME=jtorch-build-local
GOLDEN=examples/src/test/resources/golden/examples/seed000_seed_42.txt
SEED=42
EPOCHS=30   # the golden file's run: --seed 42, the default 30 epochs

say() { printf 'build-local: %s\n' "$*" >&2; }
failures=0
pass() { say "PASS: $*"; }
miss() { say "FAIL: $*"; failures=$((failures + 1)); }

mkdir -p "$WORK"
if [ -z "${CONTAINERS_CONF:-}" ]; then
  printf '[containers]\ndefault_ulimits = []\n' > "$WORK/containers.conf"
  export CONTAINERS_CONF="$WORK/containers.conf"
fi
runtime=${PODMAN_RUNTIME-}
if [ -z "$runtime" ] && [ -x /usr/sbin/runc ]; then runtime=/usr/sbin/runc; fi
pm() { if [ -n "$runtime" ]; then podman --runtime "$runtime" "$@"; else podman "$@"; fi; }

if [ "$(id -u)" != 0 ]; then say "run as root (rootful podman; the run directory is chowned to the image's uid 10001)"; exit 2; fi
for tool in podman debootstrap curl; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is needed (apt-get install -y podman runc debootstrap curl)"; exit 2; }
done

# ------------------------------------------------------------------ local base images (once)
t0=$SECONDS
if ! pm image exists "$DEBIAN_IMAGE"; then
  mirror=${DEBIAN_MIRROR:-}
  if [ -z "$mirror" ]; then
    mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
  fi
  if [ -z "$mirror" ]; then
    mirror=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security \
      | sed -E 's/^deb +(\[[^]]*\] +)?([^ ]+).*/\2/' | head -1 || true)
  fi
  mirror=${mirror:-http://deb.debian.org/debian}
  say "debootstrap bookworm from $mirror"
  rm -rf "$WORK/rootfs"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "$mirror" > "$WORK/debootstrap.log" 2>&1 \
    || { say "debootstrap failed: see $WORK/debootstrap.log"; exit 1; }
  rm -rf "$WORK"/rootfs/var/cache/apt/archives/*.deb "$WORK"/rootfs/var/lib/apt/lists/*
  tar -C "$WORK/rootfs" -c . | pm import --change 'CMD ["/bin/bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$WORK/rootfs"
fi
if ! pm image exists "$MAVEN_IMAGE"; then
  # the host's extra CAs (a TLS-inspecting proxy's, if any) go into the build base: see Containerfile.maven
  ctx="$WORK/maven-context"
  rm -rf "$ctx" && mkdir -p "$ctx/ca-certificates"
  find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$ctx/ca-certificates/" \; 2>/dev/null || true
  pm build --network host --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -f docker/local/Containerfile.maven \
    -t "$MAVEN_IMAGE" "$ctx"
fi
if ! pm image exists "$RUNTIME_IMAGE"; then
  pm build --network host --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -f docker/local/Containerfile.runtime \
    -t "$RUNTIME_IMAGE" docker/local
fi
base_s=$((SECONDS - t0))

# ------------------------------------------------------------------ the image
t0=$SECONDS
# shellcheck disable=SC2086
pm build --network host ${PODMAN_BUILD_ARGS:-} \
  --build-arg MAVEN_IMAGE="$MAVEN_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" \
  -f docker/Dockerfile -t "$IMAGE" .
build_s=$((SECONDS - t0))
size=$(pm image inspect --format '{{.Size}}' "$IMAGE")
size_mb=$((size / 1000000))

# The runtime image is small: no JDK, no Maven, no Maven repository, libtorch natives of one platform only.
if pm run --rm --entrypoint /bin/sh "$IMAGE" -c \
    'command -v javac || command -v mvn || ls -d /m2 /root/.m2 /home/jtorch/.m2 2>/dev/null' > "$WORK/extras.txt" 2>&1; then
  miss "runtime image has build tools or a Maven repository: $(tr '\n' ' ' < "$WORK/extras.txt")"
else
  pass "runtime image: no javac, no mvn, no Maven repository"
fi
platforms=$(pm run --rm --entrypoint /bin/sh "$IMAGE" -c 'ls /app/lib' \
  | sed -nE 's/.*-(linux|macosx|windows)-([a-z0-9_]+)\.jar$/\1-\2/p' | sort -u | paste -sd ' ')
if [ "$(wc -w <<< "$platforms")" -eq 1 ]; then
  pass "natives of one platform in /app/lib: $platforms"
else
  miss "natives in /app/lib are for: '${platforms}' (want exactly one platform)"
fi

# ------------------------------------------------------------------ run it
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
runs="$WORK/runs"
rm -rf "$runs"
mkdir -p "$runs"
chown 10001:10001 "$runs"   # the image's user (jtorch, uid 10001) writes the run directory
pm rm -f "$NAME" >/dev/null 2>&1 || true
base=http://127.0.0.1:$HOST_PORT
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true; }
wait_up() {  # until the server answers at all (401 without a token), or the container ends
  local i
  for i in $(seq 1 240); do
    [ "$(code "$base/api/runs")" != "000" ] && return 0
    [ "$(pm inspect --format '{{.State.Running}}' "$NAME" 2>/dev/null)" = "true" ] || return 1
    sleep 1
  done
  return 1
}
t0=$SECONDS
network="published port (-p 127.0.0.1:$HOST_PORT:8080)"
if [ -n "${HOST_NETWORK:-}" ] || ! pm run -d --name "$NAME" -p "127.0.0.1:$HOST_PORT:8080" -e JTORCH_TOKEN="$token" -v "$runs:/app/runs" \
       "$IMAGE" --seed "$SEED" --epochs "$EPOCHS" --serve --host 0.0.0.0 --port 8080 --run-dir /app/runs \
     > "$WORK/run.txt" 2>&1 || ! wait_up; then
  if [ -z "${HOST_NETWORK:-}" ]; then
    say "publishing the port did not work ($(tail -1 "$WORK/run.txt")); trying --network host with --port $HOST_PORT"
  fi
  pm logs "$NAME" > "$WORK/published-try.log" 2>&1 || true
  pm rm -f "$NAME" >/dev/null 2>&1 || true
  rm -rf "$runs" && mkdir -p "$runs" && chown 10001:10001 "$runs"
  network="host network (--network host, --port $HOST_PORT)"
  pm run -d --name "$NAME" --network host -e JTORCH_TOKEN="$token" -v "$runs:/app/runs" \
    "$IMAGE" --seed "$SEED" --epochs "$EPOCHS" --serve --host 0.0.0.0 --port "$HOST_PORT" --run-dir /app/runs >/dev/null
  wait_up || { pm logs "$NAME" >&2 || true; miss "the server never answered on $base"; exit 1; }
fi
say "container up, reached through the $network"

# training finishes; the server keeps serving until stopped
for _ in $(seq 1 900); do
  pm logs "$NAME" 2>/dev/null | grep -q '^Training Complete!$' && break
  [ "$(pm inspect --format '{{.State.Running}}' "$NAME")" = "true" ] || break
  sleep 1
done
train_s=$((SECONDS - t0))
pm logs "$NAME" > "$WORK/stdout.txt" 2> "$WORK/stderr.txt"
if cmp -s "$GOLDEN" "$WORK/stdout.txt"; then
  pass "the training's standard output equals $GOLDEN"
else
  miss "standard output differs from $GOLDEN:"
  diff "$GOLDEN" "$WORK/stdout.txt" | head -20 >&2 || true
  sed -n '1,20p' "$WORK/stderr.txt" >&2
fi

c=$(code -H "Authorization: Bearer $token" "$base/api/runs")
if [ "$c" = 200 ]; then pass "GET /api/runs with the token: 200"; else miss "GET /api/runs with the token: $c"; fi
c=$(code "$base/api/runs")
if [ "$c" = 401 ] || [ "$c" = 403 ]; then pass "GET /api/runs without the token: $c"; else miss "GET /api/runs without the token: $c"; fi
c=$(code -H "Authorization: Bearer wrong$token" "$base/api/runs")
if [ "$c" = 401 ] || [ "$c" = 403 ]; then pass "GET /api/runs with a wrong token: $c"; else miss "GET /api/runs with a wrong token: $c"; fi

run_dir=$(find "$runs" -mindepth 1 -maxdepth 1 -type d | head -1)
run_id=$(basename "${run_dir:-none}")
curl -s --max-time 10 -H "Authorization: Bearer $token" "$base/api/runs" > "$WORK/api-runs.json" || true
if grep -qF "\"$run_id\"" "$WORK/api-runs.json"; then
  pass "/api/runs lists the run $run_id"
else
  miss "/api/runs does not list the run '$run_id': $(head -c 300 "$WORK/api-runs.json")"
fi
for ck in best.pt "$(printf 'epoch_%03d.pt' "$EPOCHS")"; do
  rm -f "$WORK/downloaded.pt"
  c=$(curl -s -o "$WORK/downloaded.pt" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $token" \
    "$base/runs/$run_id/checkpoints/$ck" || true)
  if [ "$c" = 200 ] && cmp -s "$WORK/downloaded.pt" "$run_dir/checkpoints/$ck"; then
    pass "checkpoint $ck downloaded through the port equals the volume's ($(stat -c %s "$WORK/downloaded.pt") bytes)"
  else
    miss "checkpoint $ck: HTTP $c, downloaded file differs from $run_dir/checkpoints/$ck or is missing"
  fi
done

uid=$(pm exec "$NAME" id -u | tr -d '\r')
if [ -n "$uid" ] && [ "$uid" != 0 ]; then pass "process in the container runs as uid $uid"; else miss "process uid is '$uid'"; fi
users=$(pm top "$NAME" user | tail -n +2 | sort -u | paste -sd ' ')
if [ -n "$users" ] && ! grep -qw root <<< "$users"; then pass "podman top: user(s) $users"; else miss "podman top users: '$users'"; fi

pm stop -t 20 "$NAME" >/dev/null
status=$(pm inspect --format '{{.State.ExitCode}}' "$NAME")
say "stopped (exit code $status)"
n=$(find "$run_dir/checkpoints" -name '*.pt' 2>/dev/null | wc -l)
if [ "$n" -eq $((EPOCHS + 1)) ]; then pass "$n checkpoints in the volume after stop"; else miss "$n checkpoints in the volume (want $((EPOCHS + 1)))"; fi
py=""
for cand in ${PYTHON:-} /usr/bin/python3 python3; do
  if "$cand" -c 'import torch' 2>/dev/null; then py=$cand; break; fi
done
if [ -n "$py" ]; then
  if "$py" - "$run_dir/checkpoints" "$EPOCHS" <<'EOF'
import sys, pathlib, torch
d, epochs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
for f in sorted(d.glob("*.pt")):
    ck = torch.load(f, map_location="cpu")
    assert {"epoch", "model_state_dict", "optimizer_state_dict"} <= set(ck), (f.name, sorted(ck))
    if f.name.startswith("epoch_"):
        assert ck["epoch"] == int(f.stem[6:]), (f.name, ck["epoch"])
last = torch.load(d / f"epoch_{epochs:03d}.pt", map_location="cpu")
print("build-local: torch %s loaded %d checkpoints; epoch_%03d.pt: epoch %d, loss %.4f, fc1.weight %s"
      % (torch.__version__, len(list(d.glob("*.pt"))), epochs, last["epoch"], last["loss"],
         tuple(last["model_state_dict"]["fc1.weight"].shape)), file=sys.stderr)
EOF
  then pass "every checkpoint in the volume loads with Python's torch.load after stop"
  else miss "torch.load of the volume's checkpoints"
  fi
else
  miss "python3 with torch is needed to check that the checkpoints load (apt-get install python3-torch)"
fi
pm rm "$NAME" >/dev/null

echo "image: $IMAGE  size: ${size_mb} MB  build: ${build_s} s (local bases: ${base_s} s)  run: ${train_s} s to train"
echo "network: $network  run directory: $run_dir"
if [ -z "${KEEP:-}" ]; then rm -rf "$runs"; fi
if [ "$failures" -ne 0 ]; then
  echo "build-local: $failures check(s) FAILED"
  exit 1
fi
echo "build-local: all checks passed"
