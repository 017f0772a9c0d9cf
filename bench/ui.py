#!/usr/bin/env python3
"""Seed a registry with many repositories and tags, then time the UI's server side.

  ui.py URL --repos 10000 --tags 10 [--threads 8] [--samples 30] [--skip-seed]

Seeding (plain /v2 API, python3 stdlib, keep-alive, N threads): each repository gets its own
config blob, one shared layer (uploaded once, mounted everywhere else) and --tags tags on one
manifest. Timing: logs in as ADMIN (env ADMIN_USERNAME/ADMIN_PASSWORD) at /api/auth/login and
measures, per request, the time to the first byte of the answer on loopback (= server time):
the dashboard page and the images page as the browser first gets them (server-rendered), and
the JSON the pages are built from. Prints one JSON line per measurement: median and p95 in ms.
"""
import argparse, hashlib, http.client, json, os, statistics, sys, threading, time, urllib.parse

MANIFEST = "application/vnd.oci.image.manifest.v1+json"


class Client:
    def __init__(self, base, headers=None):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.conn, self.headers = u.hostname, u.port, None, headers or {}

    def req(self, method, path, body=b"", headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                start = time.perf_counter()
                self.conn.request(method, path, body=body, headers={**self.headers, **(headers or {})})
                r = self.conn.getresponse()
                first = time.perf_counter() - start  # headers are sent with the first body bytes
                data = r.read()
                return r.status, r.headers, data, first
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


def digest(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def seed(url, repos, tags, threads):
    layer = os.urandom(4096)
    layer_digest = digest(layer)
    first = "seed/base"
    c = Client(url)
    s, _, _, _ = c.req("POST", f"/v2/{first}/blobs/uploads/?digest={layer_digest}", layer)
    assert s == 201, s

    def work(worker):
        c = Client(url)
        for i in range(worker, repos, threads):
            name = f"org{i % 40}/team{i % 9}/app{i:05d}"
            config = json.dumps({"architecture": "amd64" if i % 3 else "arm64", "os": "linux", "created": "2026-01-01T00:00:00Z",
                                 "rootfs": {"type": "layers", "diff_ids": []}, "n": i}).encode()
            cd = digest(config)
            s, _, _, _ = c.req("POST", f"/v2/{name}/blobs/uploads/?digest={cd}", config)
            assert s == 201, (s, name)
            s, _, _, _ = c.req("POST", f"/v2/{name}/blobs/uploads/?mount={layer_digest}&from={first}")
            assert s == 201, (s, name)
            manifest = json.dumps({"schemaVersion": 2, "mediaType": MANIFEST,
                                   "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": len(config)},
                                   "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": len(layer)}]}).encode()
            for t in range(tags):
                s, _, _, _ = c.req("PUT", f"/v2/{name}/manifests/v{t}", manifest, {"Content-Type": MANIFEST})
                assert s == 201, (s, name)

    start = time.time()
    ts = [threading.Thread(target=work, args=(w,)) for w in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(json.dumps({"seeded_repos": repos, "tags": repos * tags, "seconds": round(time.time() - start, 1)}), flush=True)


def login(url, username, password):
    c = Client(url)
    s, h, body, _ = c.req("POST", "/api/auth/login", json.dumps({"username": username, "password": password}).encode(), {"Content-Type": "application/json"})
    assert s == 200, s
    cookie = h.get("Set-Cookie").split(";")[0]
    client = Client(url, {"Cookie": cookie})
    client.csrf = json.loads(body)["csrfToken"]
    return client


def measure(client, label, path, samples):
    times = []
    for _ in range(3):  # warm up (JIT, caches)
        client.req("GET", path)
    for _ in range(samples):
        s, _, body, first = client.req("GET", path)
        assert s == 200, (s, path)
        times.append(first * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(json.dumps({"what": label, "path": path, "median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1), "bytes": len(body)}), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--repos", type=int, default=10000)
    p.add_argument("--tags", type=int, default=10)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--samples", type=int, default=30)
    p.add_argument("--skip-seed", action="store_true")
    a = p.parse_args()
    if not a.skip_seed:
        seed(a.url, a.repos, a.tags, a.threads)
    admin = login(a.url, os.environ.get("ADMIN_USERNAME", "admin"), os.environ["ADMIN_PASSWORD"])
    measure(admin, "dashboard page (server-rendered)", "/", a.samples)
    measure(admin, "images page (server-rendered)", "/images", a.samples)
    measure(admin, "dashboard figures", "/api/dashboard", a.samples)
    measure(admin, "images, first page by name", "/api/images?pageSize=25", a.samples)
    measure(admin, "images, first page by size", "/api/images?pageSize=25&sort=Size&descending=true", a.samples)
    measure(admin, "images, first page by last push", "/api/images?pageSize=25&sort=LastPush&descending=true", a.samples)
    measure(admin, "images, search", "/api/images?pageSize=25&search=app0042", a.samples)
    measure(admin, "folder tree, top level", "/api/folders/tree", a.samples)

    # The worst case for a non-admin: every image visible through a grant on the root folder, so the
    # folder rules are decided for all of them on each request.
    s, _, body, _ = admin.req("POST", "/api/users", json.dumps({"username": "reader", "password": "reader-password", "canPull": True}).encode(),
                              {"Content-Type": "application/json", "X-CSRF-Token": admin.csrf})
    assert s == 201, (s, body)
    reader_id = json.loads(body)["id"]
    s, _, body, _ = admin.req("GET", "/api/folders")
    root = next(f for f in json.loads(body) if f["path"] == "")
    s, _, _, _ = admin.req("PUT", f"/api/folders/{root['id']}/grants", json.dumps([{"userId": reader_id, "canPull": True, "canPush": False}]).encode(),
                           {"Content-Type": "application/json", "X-CSRF-Token": admin.csrf})
    assert s == 204, s
    reader = login(a.url, "reader", "reader-password")
    measure(reader, "non-admin: dashboard page", "/", a.samples)
    measure(reader, "non-admin: images, first page by name", "/api/images?pageSize=25", a.samples)
    measure(reader, "non-admin: images page (server-rendered)", "/images", a.samples)


if __name__ == "__main__":
    sys.exit(main())
