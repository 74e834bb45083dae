# t951-serve-load: a bounded load test of `thidua serve` on loopback:
# 2,000 requests (pages and API) from 16 concurrent keep-alive clients
# must all answer 200; the latencies (p50, p95, max) are printed, not
# asserted (the machine may be busy, the build sanitized).  The server
# then stops cleanly on SIGTERM.
. "$ROOT/tests/cli/lib.sh"
command -v curl >/dev/null || skip "curl missing"
command -v python3 >/dev/null || skip "python3 missing"
$THIDUA --db t.db ingest -q "$ROOT/corpus" || fail "ingest failed"
serve_start t.db --threads 8
cat >load.py <<'PY'
import http.client, sys, threading, time
port, total, clients = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
paths = ["/", "/search?q=giao+uoc+thi+dua", "/search?q=kh%C3%A1nh+ho%C3%A0&page=1",
         "/doc/1", "/doc/7", "/blocs", "/bloc/1", "/compare?y1=2023&y2=2024",
         "/api/search?q=khoi+thi+dua", "/api/doc/3", "/api/leaders", "/assets/style.css",
         "/search?province=Ngh%E1%BB%87+An", "/nope"]
lat, bad, lock = [], [], threading.Lock()
def run(k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for i in range(total // clients):
        p = paths[(k + i) % len(paths)]
        t = time.monotonic()
        try:
            c.request("GET", p)
            r = c.getresponse()
            r.read()
            ok = r.status == (404 if p == "/nope" else 200)
        except Exception as e:
            ok, r = False, e
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        d = time.monotonic() - t
        with lock:
            lat.append(d)
            if not ok:
                bad.append((p, getattr(r, "status", r)))
ts = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
t0 = time.monotonic()
[t.start() for t in ts]
[t.join() for t in ts]
wall = time.monotonic() - t0
lat.sort()
q = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))] * 1000
print("load: %d requests, %d clients, %d errors, %.1f req/s, p50 %.1f ms, p95 %.1f ms, max %.1f ms"
      % (len(lat), clients, len(bad), len(lat) / wall, q(.5), q(.95), lat[-1] * 1000))
for b in bad[:10]:
    print("error:", b)
sys.exit(1 if bad or len(lat) != total else 0)
PY
python3 load.py "$port" 2000 16 || fail "errors under load"
get /api/blocs; jq . body >/dev/null || fail "not JSON after the load"
serve_stop
exit 0
