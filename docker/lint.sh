#!/usr/bin/env bash
# Lints docker/Dockerfile, docker/Dockerfile.cuda, docker/compose.yaml and .dockerignore (see docker/lint.js).
# The linters come from npm, pinned, installed once into docker/.lint/ (gitignored). Needs node and npm.
#   bash docker/lint.sh
set -euo pipefail
cd "$(dirname "$0")"

tools=(dockerfile-utils@0.16.3 dockerfile-ast@0.7.1 yaml@2.9.1)
stamp=".lint/.installed"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "${tools[*]}" ]; then
  command -v npm >/dev/null 2>&1 || { echo "docker/lint: npm is needed (apt-get install npm)" >&2; exit 1; }
  mkdir -p .lint
  npm install --prefix .lint --no-audit --no-fund --loglevel=error "${tools[@]}" >/dev/null
  echo "${tools[*]}" > "$stamp"
fi
exec node lint.js
