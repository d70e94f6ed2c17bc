#!/usr/bin/env bash
# The checks `npm test` runs before the tests: the type check, the lint and the production build
# the integration and browser tests run (server/start.mjs --build-only, skipped when fresh). They
# are independent and each mostly single-threaded, so they run at once (ADR 0030): on the 2-core
# CI machine that saves about half their time. Each one's output is printed whole when all are
# done, a failure's first; the exit code is non-zero when any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() {
  local name=$1
  shift
  local started=$SECONDS
  "$@" >"$out/$name.log" 2>&1
  echo "$? $((SECONDS - started))" >"$out/$name.rc"
}

run typecheck npx tsc --noEmit &
run lint npx eslint . --max-warnings=0 &
run build node server/start.mjs --build-only &
wait

failed=0
for name in typecheck lint build; do
  # A check that died before writing its status counts as failed.
  rc=missing took=?
  [ -f "$out/$name.rc" ] && read -r rc took <"$out/$name.rc"
  if [ "$rc" != 0 ]; then
    failed=1
    echo "✗ $name failed (exit $rc, ${took} s):"
    cat "$out/$name.log"
  fi
done
for name in typecheck lint build; do
  rc=missing took=?
  [ -f "$out/$name.rc" ] && read -r rc took <"$out/$name.rc"
  [ "$rc" = 0 ] && echo "✓ $name (${took} s)"
done
exit "$failed"
