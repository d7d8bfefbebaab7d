#!/usr/bin/env bash
# The OpenAPI document checked by outside tools (ctest api_tools): @redocly/cli lint with the
# recommended rules, every warning an error (redocly.yaml; .redocly.lint-ignore.yaml names
# each exception and why); TypeScript types generated from it by openapi-typescript; a
# client written against those types (tests/api/client.mts) that tsc --strict accepts and
# that then calls every public operation of a real portal.
#   run.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
bin=$src/node_modules/.bin
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
source "$src/tests/lib/serve.sh"

cd "$src"
"$bin/redocly" lint src/content/openapi.json --config redocly.yaml --format=summary 2>&1 | grep -v '[║╔╚]'

# Generated where no redocly.yaml is: the generator applies a config it finds to its input,
# and the lint above is the one that counts.
mkdir -p "$build/api"
(cd "$build/api" && "$bin/openapi-typescript" "$src/src/content/openapi.json" -o portico.d.ts)
"$bin/tsc" --strict --noEmit false --target es2022 --module nodenext --moduleResolution nodenext --lib es2022,dom \
  --skipLibCheck --outDir "$build/api" --rootDir "$src" "$src/tests/api/client.mts"
echo "tsc --strict: the client type-checks against the generated types"

start_portico "$build/portico" "$work/data"
node "$build/api/tests/api/client.mjs" "$base"
