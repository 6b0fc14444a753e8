#!/usr/bin/env bash
# Measures Trellis against the C floor and Hugo on generated vaults, in one hyperfine run per
# vault, and prints each mean with its ratios (the figures BENCHMARKS.md keeps).
#
#   Benchmarks/run.sh [SIZES...]        default: 1000 10000
#
# Needs a release build (make release), hyperfine, python3, cc with libcmark, and hugo. For each
# size it measures two vaults:
#   generated   the issue's vault: ../shared/benchmarks/gen_vault.py --seed 42 when that folder
#               exists beside the repository (about 3% dangling links), else
#               Benchmarks/generate-vault.py (about 2%);
#   dangling    the same vault with Benchmarks/dangle-links.py turning about 30% of its links
#               dangling (half typos, half missing names).
# The C floor and the Hugo site are ../shared/benchmarks' cmark_loop.c and hugo/ when present,
# else Benchmarks/cmark-baseline.c and a minimal site made here. Vaults are generated once into
# $BENCH_DIR (default /tmp/trellis-bench); outputs and build caches go to /dev/shm (tmpfs) to take
# the disk out. A full build starts with no cache. Runs are sequential; the load average is printed
# because other work on the machine moves the figures.
set -uo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
bench=${BENCH_DIR:-/tmp/trellis-bench}
trellis=${TRELLIS:-$(pwd)/.build/release/trellis}  # TRELLIS=path measures another binary
out=/dev/shm/trellis-bench-out
staging=/dev/shm/.trellis-bench-out.trellis-staging  # where a build stages the next site (docs/security.md)
shared=../shared/benchmarks
mkdir -p "$bench"

if [ -f "$shared/cmark_loop.c" ]; then floor_source=$shared/cmark_loop.c; else floor_source=Benchmarks/cmark-baseline.c; fi
cc -O2 -o "$bench/cmark-floor" "$floor_source" -lcmark
echo "C floor: $floor_source"

generate() {  # SIZE DIR: the generated vault
  if [ -f "$shared/gen_vault.py" ]; then
    python3 "$shared/gen_vault.py" --n "$1" --seed 42 --out "$2" >/dev/null
  else
    python3 Benchmarks/generate-vault.py "$1" "$2"
  fi
}

hugo_site() {  # VAULT SITE: a Hugo site whose content is the vault
  rm -rf "$2"
  if [ -d "$shared/hugo" ]; then
    cp -r "$shared/hugo" "$2"
  else
    mkdir -p "$2/layouts/_default"
    printf 'baseURL = "http://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' >"$2/hugo.toml"
    printf '<html><body>{{ .Content }}</body></html>\n' | tee "$2/layouts/_default/single.html" >"$2/layouts/_default/list.html"
  fi
  ln -s "$1" "$2/content"
}

# One hyperfine run of the floor, build, check and Hugo on VAULT; prints the means and ratios.
measure() {  # NAME VAULT
  local name=$1 vault json="$bench/$1.json"
  vault=$(realpath "$2")  # the C floor and find do not follow a symbolic link
  hugo_site "$vault" "$bench/hugo-$name"
  echo "## $name: $(($(find "$vault" -name '*.md' -print0 | xargs -0 cat | wc -c) / 1024)) KiB of Markdown;" \
    "$("$trellis" check "$vault" 2>/dev/null | tail -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  hyperfine --style basic --warmup 1 --runs "${RUNS:-5}" --export-json "$json" \
    --prepare "rm -rf $out $staging $out.cache $out.hugo" \
    -n floor "$bench/cmark-floor $vault $out" \
    -n build "$trellis build $vault --output $out --cache-dir $out.cache --quiet >/dev/null 2>&1 || true" \
    -n check "$trellis check $vault >/dev/null || true" \
    -n hugo "hugo --quiet -s $bench/hugo-$name --destination $out.hugo" >/dev/null
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "$json" <<'EOF'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
mean = {k: r["mean"] for k, r in runs.items()}
for k in ("floor", "build", "check", "hugo"):
    print(f"{k:6} {mean[k]:7.3f} s ± {runs[k]['stddev']:.3f}   CPU {runs[k]['user'] + runs[k]['system']:.3f} s")
print(f"build / floor {mean['build'] / mean['floor']:.2f}x   check / floor {mean['check'] / mean['floor']:.2f}x"
      f"   hugo / build {mean['hugo'] / mean['build']:.2f}x")
EOF
  rm -rf "$out" "$staging" "$out.cache" "$out.hugo"
}

# The two generators' vaults are kept apart, so a vault made by one is never measured as the other's.
if [ -f "$shared/gen_vault.py" ]; then kind=issue; else kind=generated; fi
for n in "${sizes[@]}"; do
  [ -d "$bench/$kind-$n" ] || generate "$n" "$bench/$kind-$n"
  [ -d "$bench/$kind-dangling-$n" ] || python3 Benchmarks/dangle-links.py "$bench/$kind-$n" "$bench/$kind-dangling-$n"
  vault=$(realpath "$bench/$kind-$n")
  dangling=$(realpath "$bench/$kind-dangling-$n")
  measure "$kind-$n" "$vault"
  measure "$kind-dangling-$n" "$dangling"

  # A second build after editing one note, into the same output folder. The warm-up run is the
  # first build after a first build, which also makes the staging folder (a link per file of the
  # site, once); the figure is that of the edits after it.
  rm -rf "$out" "$staging" "$out.cache"; "$trellis" build "$vault" --output "$out" --cache-dir "$out.cache" --quiet >/dev/null 2>&1 || true
  note=$(find "$vault" -name '*.md' | sort | head -1)
  hyperfine --style basic --warmup 1 --runs 5 --export-markdown "$bench/incremental-$n.md" \
    --prepare "printf '\nEdited %s.\n' \$RANDOM >> '$note'" \
    -n "trellis build after a one-note edit" "$trellis build $vault --output $out --cache-dir $out.cache --quiet >/dev/null 2>&1 || true"
  cat "$bench/incremental-$n.md"
  # The same on the real disk (the machine's slow file creation included), output and cache under
  # $BENCH_DIR.
  disk="$bench/out-disk-$n"
  rm -rf "$disk" "$bench/.out-disk-$n.trellis-staging" "$disk.cache"; "$trellis" build "$vault" --output "$disk" --cache-dir "$disk.cache" --quiet >/dev/null 2>&1 || true
  hyperfine --style basic --warmup 1 --runs 5 --export-markdown "$bench/incremental-disk-$n.md" \
    --prepare "printf '\nEdited %s.\n' \$RANDOM >> '$note'" \
    -n "trellis build after a one-note edit, output on disk" "$trellis build $vault --output $disk --cache-dir $disk.cache --quiet >/dev/null 2>&1 || true"
  cat "$bench/incremental-disk-$n.md"
  rm -rf "$disk" "$bench/.out-disk-$n.trellis-staging" "$disk.cache"
  /usr/bin/time -f "peak memory of a full build: %M KiB" "$trellis" build "$vault" --output "$out.mem" --no-cache --quiet 2>&1 >/dev/null | tail -1 || true
  rm -rf "$out.mem" /dev/shm/.trellis-bench-out.mem.trellis-staging "$out" "$staging" "$out.cache"
done
