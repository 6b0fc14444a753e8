#!/usr/bin/env bash
# Checks how the release binary is put together, as BENCHMARKS.md measures it: Swift's runtime
# and Foundation linked in (no libswiftCore.so to load at start), and jemalloc as its allocator.
set -u
: "${TRELLIS:=.build/release/trellis}"
passed=0
failed=0
check() {
  if eval "$2"; then echo "ok   - $1"; passed=$((passed + 1)); else echo "FAIL - $1"; failed=$((failed + 1)); fi
}
libraries=$(ldd "$TRELLIS")
check "Swift's runtime is linked in, not loaded" '! grep -q libswiftCore <<<"$libraries"'
check "Foundation is linked in, not loaded" '! grep -q libFoundation <<<"$libraries"'
check "jemalloc is the allocator" 'MALLOC_CONF=stats_print:true "$TRELLIS" --version 2>&1 | grep -q "jemalloc statistics"'
check "the binary still runs: --version" '"$TRELLIS" --version | grep -qE "^[0-9]+\.[0-9]+"'
echo "binary-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
