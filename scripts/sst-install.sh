#!/usr/bin/env bash
# Generates SST's platform types (.sst/platform) without AWS or a Pulumi download.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .sst/platform/config.d.ts ]; then exit 0; fi
SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1 XDG_CONFIG_HOME="$PWD/.sst/cfg" \
  npx sst install --stage ci
