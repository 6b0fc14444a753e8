#!/usr/bin/env bash
# Every command on every fixture vault, through the real binary: each must end with exit 0 or 1
# (never a crash, never a usage error), a build's output folder holds the site and no cache, and
# `check` prints as many diagnostics as `build`. It needs nothing from ../shared: the shared vaults
# are added when ../shared is here, and each is skipped by name when it is not.
set -u
cd "$(dirname "$0")/.."
: "${TRELLIS:=.build/release/trellis}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/xdg-cache"
passed=0
failed=0
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }

# The cases that once crashed one command: a footnote note, and a note that is only a footnote.
mkdir -p "$work/footnote" "$work/footnote-alone"
printf 'x[^1]\n\n[^1]: y\n' >"$work/footnote/n.md"
printf '[^1]\n\n[^1]: y\n' >"$work/footnote-alone/n.md"
vaults=(Tests/Fixtures/basic Tests/Fixtures/hostile Tests/Fixtures/search/vault Notes "$work/footnote" "$work/footnote-alone")
for shared in ../shared/vaults/links ../shared/vaults/real/foam-docs ../shared/vaults/real/quartz-docs; do
  if [ -d "$shared" ]; then vaults+=("$shared"); else echo "skip - $shared: ../shared is not beside the repository"; fi
done

for vault in "${vaults[@]}"; do
  name=$(basename "$vault")
  site="$work/site-$name"
  for command in "check" "check --format json" "check --format github" "check --strict --orphans" \
    "graph" "graph --format dot" "stats" "stats --format json" \
    "build --output $site --quiet" "build --output $site --quiet" "build --output $site --no-cache --quiet" \
    "clean --output $site"; do
    read -ra words <<<"$command"
    "$TRELLIS" "${words[0]}" "$vault" "${words[@]:1}" >"$work/out" 2>"$work/err" </dev/null
    status=$?
    if [ $status -le 1 ]; then
      passed=$((passed + 1))
    else
      fail "$name: trellis $command exits $status: $(head -c 300 "$work/err")"
    fi
  done
  # check prints the diagnostics build prints, line for line.
  "$TRELLIS" check "$vault" </dev/null 2>/dev/null | sed '$d' >"$work/checked"
  "$TRELLIS" build "$vault" --output "$site" --verbose </dev/null 2>&1 >/dev/null | grep -E ': (error|warning|info): ' >"$work/built"
  if diff "$work/checked" "$work/built" >"$work/diff"; then
    passed=$((passed + 1))
  else
    fail "$name: check and build report different diagnostics: $(head -c 600 "$work/diff")"
  fi
  hidden=$(find "$site" -name '.*' -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  if [ "$hidden" -lt 65536 ]; then passed=$((passed + 1)); else fail "$name: the output holds $hidden bytes of hidden files"; fi
  if [ -z "$(find "$site" -name '.trellis-cache*')" ]; then passed=$((passed + 1)); else fail "$name: a build cache in the output folder"; fi
  echo "ok   - $name: every command ran; check and build report the same $(wc -l <"$work/checked") diagnostics"
done
# `check --files` with a path that is no note of the vault (a typo) says so, rather than passing it over.
"$TRELLIS" check Tests/Fixtures/basic --files Tests/Fixtures/basic/No-such-note.md >"$work/out" 2>"$work/err" </dev/null
if grep -q -- "--files Tests/Fixtures/basic/No-such-note.md: not a note of the vault" "$work/err"; then
  passed=$((passed + 1))
else
  fail "check --files with a path that is no note said nothing: $(head -c 300 "$work/err")"
fi
echo "commands × vaults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
