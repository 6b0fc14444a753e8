#!/usr/bin/env bash
# End to end: `trellis serve` on a free port, a page subscribed to live reload, a note edited in a
# temporary vault; the edit must reach the page and a `reload` event must reach the subscriber
# within a few seconds. Then a rebuild error must reach it as a `problem` event, and SIGTERM must
# stop the server with exit 0.
set -u
cd "$(dirname "$0")/.."
: "${TRELLIS:=.build/release/trellis}"
work=$(mktemp -d)
passed=0
failed=0
ok() { echo "ok   - $1"; passed=$((passed + 1)); }
bad() { echo "FAIL - $1"; failed=$((failed + 1)); }
mkdir -p "$work/vault"
printf '# Alpha\n\nFirst words. See [[Beta]].\n' >"$work/vault/Alpha.md"
printf '# Beta\n\nSecond note.\n' >"$work/vault/Beta.md"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$TRELLIS" serve "$work/vault" --port "$port" --output "$work/site" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill -KILL $pid 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$base/alpha.html" | grep -q 'live-reload.js' && ok "pages carry the live-reload script" || bad "pages carry the live-reload script"

curl -sN --max-time 20 "$base/_trellis/live" >"$work/events.txt" 2>/dev/null &
listener=$!
sleep 0.5
printf '\nA fresh sentence.\n' >>"$work/vault/Alpha.md"
for _ in $(seq 1 50); do grep -q 'event: reload' "$work/events.txt" && break; sleep 0.1; done
grep -q 'event: reload' "$work/events.txt" && ok "a reload event follows the edit" || bad "a reload event follows the edit"
curl -fs "$base/alpha.html" | grep -q 'A fresh sentence' && ok "the edited page is served fresh" || bad "the edited page is served fresh"

printf 'title = [unclosed\n' >"$work/vault/trellis.toml"
for _ in $(seq 1 50); do grep -q 'event: problem' "$work/events.txt" && break; sleep 0.1; done
grep -q 'event: problem' "$work/events.txt" && ok "a failed rebuild reaches the page as a problem event" || bad "a failed rebuild reaches the page as a problem event"
curl -fs "$base/alpha.html" | grep -q 'A fresh sentence' && ok "the last good site is still served" || bad "the last good site is still served"
rm "$work/vault/trellis.toml"

kill -TERM $pid
for _ in $(seq 1 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then bad "SIGTERM stops the server"; else wait $pid; [ $? -eq 0 ] && ok "SIGTERM stops the server, exit 0" || bad "SIGTERM exit code"; fi

XDG_CACHE_HOME="$work/cache" "$TRELLIS" serve "$work/vault" --port "$port" >/dev/null 2>&1 &
first=$!
sleep 1
# Without --output the preview is built in the user's cache directory, readable by the user alone.
preview=$(ls -d "$work/cache/trellis/serve/vault-"* 2>/dev/null | head -1)
[ -n "$preview" ] && [ -f "$preview/alpha.html" ] && [ "$(stat -c %a "$work/cache/trellis/serve")" = 700 ] &&
  ok "the preview is built in a private folder of the cache directory" ||
  bad "the preview is built in a private folder of the cache directory (found: ${preview:-nothing})"
"$TRELLIS" serve "$work/vault" --port "$port" >"$work/second.log" 2>&1
code=$?
kill -TERM $first 2>/dev/null; wait $first 2>/dev/null
[ $code -eq 2 ] && grep -qi 'in use' "$work/second.log" && ok "a port in use is a clear error, exit 2" || bad "a port in use is a clear error (exit $code: $(cat "$work/second.log" | tail -1))"
echo "serve-e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
