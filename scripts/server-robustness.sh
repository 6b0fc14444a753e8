#!/usr/bin/env bash
# The preview server under faults, on loopback only: malformed, oversized and garbage requests get
# a 4xx (and the server keeps serving), 1,000 idle connections do not stop a normal request, 100
# saves in one second become a handful of rebuilds, and Ctrl-C during a rebuild exits cleanly.
set -u
cd "$(dirname "$0")/.."
: "${TRELLIS:=.build/release/trellis}"
work=$(mktemp -d)
mkdir -p "$work/vault"
printf '# S\n\nStart.\n' >"$work/vault/S.md"
printf '# T\n\n[[S]]\n' >"$work/vault/T.md"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$TRELLIS" serve "$work/vault" --port "$port" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill -KILL $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
python3 - "$port" "$work/vault/S.md" "$work/serve.log" <<'PY'
import socket, sys, time
port, note, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
passed = failed = 0
def check(name, ok):
    global passed, failed
    print(("ok   - " if ok else "FAIL - ") + name)
    passed, failed = passed + ok, failed + (not ok)
def status(request):
    s = socket.create_connection(("127.0.0.1", port)); s.settimeout(5)
    s.sendall(request)
    try: line = s.recv(100).split(b"\r\n")[0]
    except Exception as e: line = str(e).encode()
    s.close(); return line
for name, request in [("a 100 KB request line", b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                      ("a 200 KB header", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 200000 + b"\r\n\r\n"),
                      ("bytes that are not HTTP", b"\x00\x01\x02 nonsense\r\n\r\n")]:
    line = status(request)
    check(f"{name} gets a 4xx ({line.decode(errors='replace')})", line.startswith(b"HTTP/1.1 4"))
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(1000)]
started = time.time()
line = status(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
check(f"with 1,000 idle connections a request is served ({time.time() - started:.3f} s)", line == b"HTTP/1.1 200 OK")
for s in idle: s.close()
before = open(log).read().count("Rebuilt")
for i in range(100):
    with open(note, "a") as f: f.write(f"line {i}\n")
    time.sleep(0.01)
time.sleep(1.5)
rebuilds = open(log).read().count("Rebuilt") - before
check(f"100 saves in one second make {rebuilds} rebuild(s)", 1 <= rebuilds <= 10)
print(f"server-robustness: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
result=$?
# Ctrl-C while a rebuild is under way.
printf '\nmore\n' >>"$work/vault/S.md"
sleep 0.03
kill -INT $pid
for _ in $(seq 1 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then echo "FAIL - Ctrl-C during a rebuild stops the server"; exit 1; fi
wait $pid; code=$?
[ $code -eq 0 ] && echo "ok   - Ctrl-C during a rebuild exits 0" || { echo "FAIL - Ctrl-C exit code $code"; exit 1; }
exit $result
