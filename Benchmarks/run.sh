#!/usr/bin/env bash
# Measures Trellis on generated vaults and prints Markdown rows for BENCHMARKS.md.
#
#   Benchmarks/run.sh [SIZES...]        default: 1000 10000
#
# Needs a release build (make release), hyperfine, and cc with libcmark for the C yardstick;
# hugo (Debian `hugo`) is measured too when installed. Vaults are generated once into
# $BENCH_DIR (default /tmp/trellis-bench); outputs and build caches go to /dev/shm (tmpfs) to take
# the disk out, as the performance issue specifies. A full build starts with no cache. Runs are sequential: 2 cores, nothing else running.
set -uo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
bench=${BENCH_DIR:-/tmp/trellis-bench}
trellis=$(pwd)/.build/release/trellis
out=/dev/shm/trellis-bench-out
mkdir -p "$bench"
cc -O2 -o "$bench/cmark-baseline" Benchmarks/cmark-baseline.c -lcmark

for n in "${sizes[@]}"; do
  vault="$bench/vault-$n"
  [ -d "$vault" ] || python3 Benchmarks/generate-vault.py "$n" "$vault"
  bytes=$(find "$vault" -name '*.md' -print0 | xargs -0 cat | wc -c)
  echo "## $n notes ($((bytes / 1024)) KiB of Markdown)"
  rm -rf "$out"
  hyperfine --style basic --warmup 1 --runs 5 --export-markdown "$bench/build-$n.md" \
    --prepare "rm -rf $out $out.cache" \
    -n "C: cmark over every note, one HTML file each" "$bench/cmark-baseline $vault $out" \
    -n "trellis build (full, tmpfs)" "$trellis build $vault --output $out --cache-dir $out.cache --quiet || true" \
    -n "trellis check" "$trellis check $vault >/dev/null || true"
  cat "$bench/build-$n.md"
  # A second build after editing one note, into the same output folder.
  rm -rf "$out" "$out.cache"; "$trellis" build "$vault" --output "$out" --cache-dir "$out.cache" --quiet || true
  note=$(find "$vault" -name '*.md' | sort | head -1)
  hyperfine --style basic --runs 5 --export-markdown "$bench/incremental-$n.md" \
    --prepare "printf '\nEdited %s.\n' \$RANDOM >> '$note'" \
    -n "trellis build after a one-note edit" "$trellis build $vault --output $out --cache-dir $out.cache --quiet || true"
  cat "$bench/incremental-$n.md"
  # The same on the real disk (the machine's slow file creation included), output and cache under
  # $BENCH_DIR.
  disk="$bench/out-disk-$n"
  rm -rf "$disk" "$disk.cache"; "$trellis" build "$vault" --output "$disk" --cache-dir "$disk.cache" --quiet || true
  hyperfine --style basic --runs 5 --export-markdown "$bench/incremental-disk-$n.md" \
    --prepare "printf '\nEdited %s.\n' \$RANDOM >> '$note'" \
    -n "trellis build after a one-note edit, output on disk" "$trellis build $vault --output $disk --cache-dir $disk.cache --quiet || true"
  cat "$bench/incremental-disk-$n.md"
  rm -rf "$disk" "$disk.cache"
  /usr/bin/time -f "peak memory of a full build: %M KiB" "$trellis" build "$vault" --output "$out.mem" --no-cache --quiet 2>&1 | tail -1 || true
  rm -rf "$out.mem"
  if command -v hugo >/dev/null; then
    site="$bench/hugo-$n"
    if [ ! -d "$site" ]; then
      mkdir -p "$site/content" "$site/layouts/_default"
      printf 'baseURL = "http://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' >"$site/hugo.toml"
      printf '<html><body>{{ .Content }}</body></html>\n' >"$site/layouts/_default/single.html"
      printf '<html><body>{{ .Content }}</body></html>\n' >"$site/layouts/_default/list.html"
      cp -r "$vault"/. "$site/content/"
    fi
    hyperfine --style basic --runs 3 --export-markdown "$bench/hugo-$n.md" \
      -n "hugo (minimal site, same notes)" "hugo --quiet -s $site -d $out.hugo"
    cat "$bench/hugo-$n.md"
    rm -rf "$out.hugo"
  fi
done
