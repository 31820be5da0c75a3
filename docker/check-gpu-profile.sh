#!/usr/bin/env bash
# Checks that the `gpu` Maven profile's dependency tree resolves on Maven Central (the CUDA image builds with it).
# Slow the first time: it downloads about 800 MB of CUDA jars into ~/.m2. Not part of every CI run.
#   bash docker/check-gpu-profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."

out=$PWD/target/gpu-profile-dependencies.txt
mkdir -p target
start=$SECONDS
if ! mvn -B -q -Dstyle.color=never -Pgpu -pl src dependency:resolve -DincludeScope=runtime -DoutputFile="$out" -DoutputAbsoluteArtifactFilename=true; then
  echo "check-gpu-profile: FAILED: the gpu profile's dependencies do not resolve (see Maven's output above)" >&2
  exit 1
fi

# The jars the CUDA image needs (DESIGN.md, "GPU natives"); each must be in the resolved list.
missing=0
for want in \
    "org.bytedeco:pytorch:jar:linux-x86_64-gpu:" \
    "org.bytedeco:cuda:jar:13.1-" \
    "org.bytedeco:cuda:jar:linux-x86_64:13.1-" \
    "org.bytedeco:cuda-redist:jar:linux-x86_64:13.1-"; do
  line=$(grep -F -- "$want" "$out" | head -1 || true)
  if [ -z "$line" ]; then
    echo "check-gpu-profile: missing $want" >&2
    missing=1
    continue
  fi
  file=$(printf '%s\n' "$line" | grep -o '/[^ ]*\.jar' | tail -1 || true)
  size=""
  if [ -n "$file" ] && [ -f "$file" ]; then size=" ($(du -h "$file" | cut -f1))"; fi
  echo "check-gpu-profile: resolved $(printf '%s' "$line" | sed -e 's/^ *//' -e 's/ -- .*//' -e 's/:\/.*//')$size"
done
[ "$missing" = 0 ] || { echo "check-gpu-profile: FAILED" >&2; exit 1; }
echo "check-gpu-profile: OK, $(grep -c ':jar:' "$out") runtime jars resolved for -Pgpu in $((SECONDS - start)) s (list: $out)"
