#!/usr/bin/env bash
# Counts the instructions the C floor, `trellis check`, a full build and a build after a one-note
# edit execute on VAULT, with valgrind's callgrind: a figure that does not move with the machine's
# load, where times on a shared 2-core host move by a quarter from one run to the next. It is a
# complement to run.sh, not a replacement: it counts neither waiting nor cache misses, and two
# cores do the work in about half the time its count suggests.
#
#   Benchmarks/instructions.sh VAULT [TRELLIS]
#
# Needs valgrind and cc with libcmark. TRELLIS (default .build/release/trellis) is copied without
# its debug information, which this valgrind cannot read; outputs and caches go to /dev/shm.
# Takes about six minutes for a 10,000-note vault.
set -euo pipefail

vault=$(realpath "${1:?usage: Benchmarks/instructions.sh VAULT [TRELLIS]}")
trellis=${2:-$(pwd)/.build/release/trellis}
work=$(mktemp -d /dev/shm/trellis-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT

shared=$(cd "$(dirname "$0")/../.." && pwd)/shared/benchmarks
if [ -f "$shared/cmark_loop.c" ]; then floor_source=$shared/cmark_loop.c; else floor_source=Benchmarks/cmark-baseline.c; fi
cc -O2 -o "$work/floor" "$floor_source" -lcmark
strip --strip-debug -o "$work/trellis" "$trellis"

# Instructions of one command, from callgrind's summary.
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$work/log" || true
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log"
}

floor=$(count "$work/floor" "$vault" "$work/floor-out")
check=$(count "$work/trellis" check "$vault")
build=$(count "$work/trellis" build "$vault" --output "$work/full" --no-cache --quiet)

# The edit: a copy of the vault, built once with a cache, then one note changed.
cp -r "$vault" "$work/vault"
"$work/trellis" build "$work/vault" --output "$work/site" --cache-dir "$work/cache" --quiet >/dev/null 2>&1 || true
note=$(find "$work/vault" -name '*.md' | sort | sed -n 1p)  # sed reads on: head would end sort with SIGPIPE
printf '\nEdited.\n' >>"$note"
edit=$(count "$work/trellis" build "$work/vault" --output "$work/site" --cache-dir "$work/cache" --quiet)

python3 - "$floor" "$check" "$build" "$edit" <<'EOF'
import sys
floor, check, build, edit = (int(x) for x in sys.argv[1:])
g = lambda n: f"{n / 1e9:.2f} G"
print(f"floor {g(floor)}   check {g(check)} ({check / floor:.2f}x)   build {g(build)} ({build / floor:.2f}x)   "
      f"build after an edit {g(edit)} ({100 * edit / build:.1f}% of a full build)")
EOF
