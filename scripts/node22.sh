#!/usr/bin/env bash
# Prints a directory holding a Node.js 22 `node`: the machine's own when it is 22
# or newer, otherwise one unpacked into .node/ from the npm registry's
# node-linux-<arch> package (the official binary). Usage: PATH="$(bash scripts/node22.sh):$PATH"
set -euo pipefail
cd "$(dirname "$0")/.."
version=22.23.3
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 22 ]; then dirname "$(command -v node)"; exit 0; fi
if ! [ -x .node/bin/node ] || [ "$(.node/bin/node --version)" != "v$version" ]; then
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) echo "no Node 22 package for $(uname -m)" >&2; exit 1 ;; esac
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$version" >/dev/null)
  mkdir -p .node
  tar xzf "$tmp/node-linux-$arch-$version.tgz" -C .node --strip-components=1 package/bin/node
  rm -rf "$tmp"
fi
echo "$PWD/.node/bin"
