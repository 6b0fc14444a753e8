#!/usr/bin/env bash
# A build killed with SIGKILL must leave the previous site or the new one, whole: never a mix, never
# a page that links to a missing one. Builds a generated vault, then changes it (100 notes renamed,
# 100 added, the added ones linked from other notes) and starts the same build again and again from
# the same saved state (site, staging folder, cache), killing it at moments spread over the build,
# at the moment a new page first appears in the output and at the moment one appears in the
# staging folder. After each kill every file of the output must be as in the old site or every
# file as in the new one (and those two link only to pages they have). The build after the kills must leave
# no temporary file and a staging folder that is the site's own files, linked.
set -u
cd "$(dirname "$0")/.."
: "${TRELLIS:=.build/release/trellis}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site="$work/site"
staging="$work/.site.trellis-staging"
passed=0
failed=0
ok() { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }
run=("$TRELLIS" build "$work/vault" --output "$site" --cache-dir "$work/cache" --quiet)
build() { "${run[@]}" >/dev/null 2>&1; }
# Each file of a folder and a hash of its bytes, one a line, sorted.
files_of() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha1sum); }
# The state a build starts from, saved and put back; one `cp` keeps the staging folder's hard links.
state() { (cd "$1" && ls -d site .site.trellis-staging cache 2>/dev/null); }
save() { rm -rf "$work/saved" && mkdir "$work/saved" && (cd "$work" && cp -a $(state "$work") saved/); }
restore() { rm -rf "$site" "$staging" "$work/cache" && (cd "$work/saved" && cp -a $(state .) "$work/"); }

python3 Benchmarks/generate-vault.py 600 "$work/vault" >/dev/null
build
files_of "$site" >"$work/old.txt"
# The change: 100 notes renamed (links to them now dangle, their pages go), 100 new notes, each
# linked from a note that stays (so a half-written site shows links to pages not there yet).
find "$work/vault" -name '*.md' | sort >"$work/notes.txt"
i=0
while IFS= read -r note; do
  i=$((i + 1))
  if [ "$i" -le 100 ]; then
    mv "$note" "${note%.md} renamed.md"
  elif [ "$i" -le 200 ]; then
    printf '# Fresh %s\n\nNew.\n' "$i" >"$work/vault/Fresh $i.md"
    printf '\nSee [[Fresh %s]].\n' "$i" >>"$note"
  fi
done <"$work/notes.txt"
save
# The new site, and how long the build takes.
start=$(date +%s%N)
build
took=$((($(date +%s%N) - start) / 1000000))
files_of "$site" >"$work/new.txt"
if cmp -s "$work/old.txt" "$work/new.txt"; then fail "the change did not change the site"; fi
fresh="$(cd "$site" && comm -13 <(cd "$work/saved/site" && find . -name '*.html' | sort) <(find . -name '*.html' | sort) | head -1)"

# The old site and the new one each link only to pages they have; a site that is one of the two,
# byte for byte, does too.
for which in old new; do
  if [ "$which" = old ]; then folder="$work/saved/site"; else folder="$site"; fi
  if python3 scripts/sitecheck.py "$folder" >"$work/check.txt" 2>&1; then
    ok "the $which site's links all resolve"
  else
    fail "the $which site has broken links: $(tail -1 "$work/check.txt")"
  fi
done

# After a kill: the output is the old site or the new one, whole; if not, its broken links are shown.
check() {
  files_of "$site" >"$work/now.txt"
  if cmp -s "$work/now.txt" "$work/old.txt"; then
    ok "$1: the old site, whole"
  elif cmp -s "$work/now.txt" "$work/new.txt"; then
    ok "$1: the new site, whole"
  else
    python3 scripts/sitecheck.py "$site" >"$work/check.txt" 2>&1
    fail "$1: neither the old site nor the new one ($(diff "$work/now.txt" "$work/old.txt" | grep -c '^<') files not in the old; $(tail -1 "$work/check.txt"))"
    grep -m3 '^broken' "$work/check.txt"
  fi
}

# Kills at moments spread over the build (and past it: a loaded machine makes builds slower).
for tenth in 0 1 2 3 4 5 6 7 8 9 10 12 14 16; do
  restore
  "${run[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v t="$took" -v k="$tenth" 'BEGIN { printf "%.3f", t * k / 10000 }')"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check "killed at ${tenth}0% of the build"
done
# Kills the moment a new page appears, in the output and in the staging folder.
for where in "$site" "$staging"; do
  restore
  "${run[@]}" >/dev/null 2>&1 &
  pid=$!
  until [ -e "$where/$fresh" ] || ! kill -0 "$pid" 2>/dev/null; do :; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check "killed when $(basename "$where")/$fresh appeared"
done

# The files a killed build left are its own: the next build must not refuse them as yours (exit
# 2). The generated vault has dangling links, so it exits 1.
build
if [ $? -le 1 ]; then ok "the next build takes no file a killed build left for one of yours"; else fail "the build after the kills failed"; fi
files_of "$site" >"$work/now.txt"
if cmp -s "$work/now.txt" "$work/new.txt"; then ok "the next build makes the new site"; else fail "the next build's site differs from the new site"; fi
if [ -z "$(find "$site" "$staging" -name '.trellis-tmp-*')" ]; then
  ok "the next build leaves no temporary file"
else
  fail "temporary files left after a build: $(find "$site" "$staging" -name '.trellis-tmp-*' | wc -l)"
fi
# The staging folder holds the site's own files (each a hard link to the site's) and its stamp.
if diff <(cd "$site" && find . -type f -printf '%P %i\n' | sort) <(cd "$staging" && find . -type f ! -path ./.trellis-level/stamp -printf '%P %i\n' | sort) >/dev/null; then
  ok "the staging folder holds the site's files, linked, and nothing left over"
else
  fail "the staging folder differs from the site"
fi
echo "kill-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
