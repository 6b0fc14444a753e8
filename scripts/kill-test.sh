#!/usr/bin/env bash
# A build killed with SIGKILL must leave a complete site: the previous one or the new one, never a
# mix that links to missing pages. Builds a generated vault, changes it (edits, a new note that
# others now link to, a removed note), starts a build and kills it at different moments; after each
# kill, every internal link of the site must still resolve.
set -u
cd "$(dirname "$0")/.."
: "${TRELLIS:=.build/release/trellis}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
python3 Benchmarks/generate-vault.py 1500 "$work/vault" >/dev/null
"$TRELLIS" build "$work/vault" --output "$work/site" --quiet >/dev/null 2>&1
for delay in 0.05 0.15 0.3 0.5 0.8; do
  # Change the vault: the new note is linked from every edited note, so a half-written site would
  # show links to a page that is not there yet.
  name="Fresh note $delay"
  printf '# %s\n\nNew.\n' "$name" >"$work/vault/$name.md"
  for note in $(find "$work/vault" -name '*.md' | sort | head -200 | tr ' ' '%'); do
    printf '\nSee [[%s]].\n' "$name" >>"${note//%/ }"
  done
  "$TRELLIS" build "$work/vault" --output "$work/site" --quiet >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if python3 scripts/sitecheck.py "$work/site" >"$work/check.txt" 2>&1; then
    echo "ok   - killed after ${delay}s: the site's links all resolve"
    passed=$((passed + 1))
  else
    echo "FAIL - killed after ${delay}s: $(tail -1 "$work/check.txt")"
    head -5 "$work/check.txt"
    failed=$((failed + 1))
  fi
done
# The files a killed build put in place are its own: the next build must not refuse them as yours
# (exit 2). The generated vault has dangling links, so it exits 1.
"$TRELLIS" build "$work/vault" --output "$work/site" --quiet >"$work/last.txt" 2>&1
if [ $? -le 1 ]; then
  echo "ok   - the next build takes no file a killed build left for one of yours"; passed=$((passed + 1))
else
  echo "FAIL - the build after the kills failed: $(tail -1 "$work/last.txt")"; failed=$((failed + 1))
fi
if [ -z "$(find "$work/site" -name '.trellis-tmp-*')" ]; then
  echo "ok   - the next build clears the temporary files"; passed=$((passed + 1))
else
  echo "FAIL - temporary files left after a full build"; failed=$((failed + 1))
fi
echo "kill-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
