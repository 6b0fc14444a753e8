#!/usr/bin/env bash
# Installs Trellis into a temporary PREFIX with `make install` and checks that the installed tool
# works from another folder: --version, init, check, a build that finds the installed theme,
# the exit codes of builds that would replace your files, read a bad trellis.toml or write the
# site to a file, the shell completions and the man page; then that `make uninstall` removes
# everything.
#
#   scripts/test-install.sh             # builds in .build
#   SCRATCH=.build-cli scripts/test-install.sh
#
# Prints an ok/FAIL line per check and `N passed, N failed`; exits 1 when a check fails.
set -u

repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=${SCRATCH:-.build}
work=$(mktemp -d "${TMPDIR:-/tmp}/trellis-install-XXXXXX")
prefix="$work/prefix"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
# check NAME COMMAND...: runs COMMAND, quietly, and reports it; its output is shown on failure.
check() {
    local name=$1
    shift
    if output=$("$@" 2>&1); then pass "$name"; else fail "$name"; printf '%s\n' "$output" | tail -n 20 | sed 's/^/     /'; fi
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

echo "Installing into $prefix (build folder $scratch)…"
if ! make -C "$repo" install PREFIX="$prefix" SCRATCH="$scratch" >"$work/install.log" 2>&1; then
    fail "make install"
    tail -n 30 "$work/install.log" | sed 's/^/     /'
    finish
fi
pass "make install"

bin="$prefix/bin/trellis"
bash_completion="$prefix/share/bash-completion/completions/trellis"
zsh_completion="$prefix/share/zsh/site-functions/_trellis"
fish_completion="$prefix/share/fish/vendor_completions.d/trellis.fish"
man_page="$prefix/share/man/man1/trellis.1"

check "the binary is installed and executable" test -x "$bin"
check "the default theme is installed" test -f "$prefix/share/trellis/Theme/templates/base.mustache"

# Everything below runs from a folder with no Theme/ in it, with trellis found on PATH as a user
# runs it, and without TRELLIS_THEME, so the theme can only come from PREFIX/share/trellis.
mkdir -p "$work/elsewhere"
cd "$work/elsewhere" || exit 1
unset TRELLIS_THEME
export PATH="$prefix/bin:$PATH"

version=$(trellis --version 2>&1)
if [ -n "$version" ] && [ "$(command -v trellis)" = "$bin" ]; then pass "trellis --version ($version)"; else fail "trellis --version: $version"; fi

cp -R "$repo/Notes" vault
check "trellis build of a copy of Notes/ finds the installed theme" trellis build vault --output site --quiet
check "the site has its pages and the theme's assets" \
    test -f site/index.html -a -f site/_trellis/style.css -a -f site/graph.json
check "trellis build through an absolute path works too" "$bin" build vault --output site2 --quiet

check "trellis init makes a vault" trellis init garden
check "trellis check of the new vault is clean" trellis check garden --strict
check "trellis build of the new vault writes garden/.site" test -z "$(trellis build garden --quiet 2>&1)" -a -f garden/.site/index.html
check "trellis stats runs" trellis stats vault
check "trellis graph --format dot runs" trellis graph vault --format dot

# What a build may do to files on disk (docs/security.md), as the command line reports it.
exits() { local want=$1; shift; "$@" >/dev/null 2>&1; [ $? -eq "$want" ]; }
mkdir -p mine && echo mine >mine/index.html
check "a hand-made index.html in the output stops the build with exit 2" exits 2 trellis build vault --output mine --quiet
check "and is left as it was" grep -qx mine mine/index.html
check "build --force replaces it" trellis build vault --output mine --quiet --force
cp -R vault badconfig && printf 'title = "caf\xe9"\n' >badconfig/trellis.toml
check "a trellis.toml that is not UTF-8 is an error, exit 2" exits 2 trellis check badconfig
printf 'title = "x"\nbogus = 1\n' >badconfig/trellis.toml
trellis check badconfig 2>config-error.txt
check "a config error is one compiler-style line, file:line: error: (not 'trellis: error: …: error:')" \
  grep -qx 'trellis.toml:2: error: unknown key `bogus` in trellis.toml; known keys: .*' config-error.txt
printf 'output = "%s/outside-site"\n' "$work" >badconfig/trellis.toml
check "an output outside the vault in trellis.toml is an error, exit 2" exits 2 trellis build badconfig --quiet
check "and nothing is written there" test ! -e "$work/outside-site"
# A file where the site goes is refused in words, its name's escape character shown escaped.
echo mine >"out$(printf '\033')[2J"
trellis build vault --output "out$(printf '\033')[2J" --quiet 2>refused.txt
check "an --output that is a file is an error, exit 2" test $? -eq 2
check "which names it, escaped" grep -q 'trellis: error: refusing to write the site to .*/out\\x1b\[2J: it is a file, not a folder' refused.txt

check "the bash completion exists and bash -n accepts it" bash -n "$bash_completion"
check "the bash completion completes trellis's subcommands" grep -q "init" "$bash_completion"
check "the zsh completion is not empty" test -s "$zsh_completion"
if command -v zsh >/dev/null; then check "zsh -n accepts the zsh completion" zsh -n "$zsh_completion"; fi
check "the fish completion is not empty" test -s "$fish_completion"
if command -v fish >/dev/null; then check "fish -n accepts the fish completion" fish -n "$fish_completion"; fi
check "the man page is installed" test -s "$man_page"
check "the man page is a roff page about trellis" grep -qi '^\.\(TH\|Dt\) trellis' "$man_page"
if command -v groff >/dev/null; then
    check "groff renders the man page without warnings" test -z "$(groff -mandoc -Tutf8 -ww -z "$man_page" 2>&1)"
fi

cd "$repo" || exit 1
check "make uninstall" make -C "$repo" uninstall PREFIX="$prefix" SCRATCH="$scratch"
left=$(find "$prefix" -type f 2>/dev/null)
if [ -z "$left" ]; then pass "make uninstall leaves no installed file"; else fail "make uninstall left: $left"; fi

finish
