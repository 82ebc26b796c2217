#!/usr/bin/env python3
"""Chaos load driver (ops/chaos/run starts everything and calls this).

  driver.py proxy LISTEN_PORT TARGET_PORT     a TCP proxy: SIGUSR1 cuts it (closes and refuses), SIGUSR2 restores
  driver.py run CONFIG.json RESULTS.md        the phases: load, one fault each, a table of what the clients saw

A writer renames one project every 200 ms ("chaos v<N>") through one instance; readers poll
/api/projects/ on every instance. A read is stale when it started after the write of a newer
version had returned. Recovery: from the end of a fault until every instance answers 200 with
X-Cache: HIT again.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import base64
import http.client
import re
from collections import Counter

# ---------------------------------------------------------------- proxy

def proxy(listen_port, target_port):
    cut = threading.Event()
    conns = set()
    lock = threading.Lock()

    def close_all():
        with lock:
            for s in list(conns):
                try:
                    s.close()
                except OSError:
                    pass
            conns.clear()

    def on_cut(*_):
        cut.set()
        close_all()

    def on_restore(*_):
        cut.clear()

    signal.signal(signal.SIGUSR1, on_cut)
    signal.signal(signal.SIGUSR2, on_restore)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    def pump(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen_port))
    server.listen(128)
    while True:
        try:
            client, _ = server.accept()
        except InterruptedError:
            continue
        if cut.is_set():
            client.close()
            continue
        try:
            upstream = socket.create_connection(("127.0.0.1", target_port), timeout=1)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        with lock:
            conns.update((client, upstream))
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()

# ---------------------------------------------------------------- load

NAME = re.compile(rb'"title":"chaos v(\d+)"')


def new_stats():
    return {"reads": 0, "writes": 0, "read_statuses": Counter(), "write_statuses": Counter(), "stale": 0,
            "longest_stale_ms": 0.0, "slowest_read_ms": 0.0, "slowest_write_ms": 0.0}


class Load:
    def __init__(self, cfg):
        self.cfg = cfg
        self.instances = cfg["instances"]            # [{"name": "A", "port": 18120}, ...]
        self.auth = "Basic " + base64.b64encode(cfg["admin"].encode()).decode()
        self.project = cfg["project"]
        self.lock = threading.Lock()
        self.version = 0                             # last version whose write returned
        self.returned = {}                           # version -> monotonic time its write returned
        self.phase = None
        self.stats = {}
        self.stop = threading.Event()
        self.killed = set()
        self.writer_instance = self.instances[0]
        self.hits = {i["name"]: (0.0, False) for i in self.instances}   # name -> (time, last read was a HIT 200)

    def request(self, port, method, path, body=None, headers=None, timeout=10):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, r.getheader("X-Cache"), r.read()
        finally:
            conn.close()

    def record(self, kind, status, millis, stale=0.0):
        with self.lock:
            s = self.stats.setdefault(self.phase, new_stats())
            s[kind + "s"] += 1
            s[kind + "_statuses"][status] += 1
            s["slowest_" + kind + "_ms"] = max(s["slowest_" + kind + "_ms"], millis)
            if stale > 0:
                s["stale"] += 1
                s["longest_stale_ms"] = max(s["longest_stale_ms"], stale)

    def reader(self, inst):
        while not self.stop.is_set():
            with self.lock:
                expected = self.version
            start = time.monotonic()
            try:
                status, xcache, body = self.request(inst["port"], "GET", "/api/projects/", headers={"Accept-Language": "de"})
            except (OSError, http.client.HTTPException):
                status, xcache, body = ("refused (killed instance)" if inst["name"] in self.killed else "no answer"), None, b""
            millis = (time.monotonic() - start) * 1000
            stale = 0.0
            if status == 200:
                m = NAME.search(body)
                seen = int(m.group(1)) if m else -1
                if seen < expected:
                    with self.lock:
                        newer = self.returned.get(seen + 1)
                    stale = max(0.001, (start - newer) * 1000) if newer else 0.001
            self.record("read", status, millis, stale)
            with self.lock:
                self.hits[inst["name"]] = (time.monotonic(), status == 200 and xcache == "HIT")
            time.sleep(0.02)

    def writer(self):
        while not self.stop.is_set():
            nxt = self.version + 1
            inst = self.writer_instance
            start = time.monotonic()
            try:
                status, _, _ = self.request(inst["port"], "PATCH", "/api/admin/projects/%d" % self.project,
                                            body=json.dumps({"name": "chaos v%d" % nxt}),
                                            headers={"Authorization": self.auth, "Content-Type": "application/json"})
            except (OSError, http.client.HTTPException):
                status = "no answer"
            end = time.monotonic()
            if status == 200:
                with self.lock:
                    self.version = nxt
                    self.returned[nxt] = end
            self.record("write", status, (end - start) * 1000)
            time.sleep(max(0.0, 0.2 - (time.monotonic() - start)))

    def all_hit_since(self, since):
        with self.lock:
            return all(t > since and hit for t, hit in self.hits.values())


def run(cfg_path, out_path):
    cfg = json.load(open(cfg_path))
    load = Load(cfg)
    faults = Faults(cfg, load)
    threads = [threading.Thread(target=load.reader, args=(i,), daemon=True) for i in load.instances for _ in range(2)]
    threads.append(threading.Thread(target=load.writer, daemon=True))
    rows = []
    load.phase = "warm-up"
    for t in threads:
        t.start()
    time.sleep(3)
    fault_seconds = cfg.get("fault_seconds", 5)
    for name, inject, heal, writer in faults.plan():
        load.writer_instance = next(i for i in load.instances if i["name"] == writer)
        load.phase = name
        print("chaos: %s" % name, flush=True)
        t0 = time.monotonic()
        time.sleep(1)
        inject()
        time.sleep(fault_seconds)
        healed = time.monotonic()
        heal()
        recovery = None
        while time.monotonic() - healed < 90:
            if load.all_hit_since(healed):
                recovery = time.monotonic() - healed
                break
            time.sleep(0.02)
        time.sleep(2)
        rows.append((name, writer, recovery))
        print("chaos: %s done, recovery %s" % (name, "%.2f s" % recovery if recovery is not None else "none"), flush=True)
    load.stop.set()
    for t in threads:
        t.join(15)
    write_results(cfg, load, rows, out_path)


class Faults:
    def __init__(self, cfg, load):
        self.cfg = cfg
        self.load = load

    def kill_instance(self, name):
        self.load.killed.add(name)
        self.sh("kill -9 $(cat %s)" % self.cfg["instance_pidfiles"][name])

    def restart_instance(self, name):
        self.sh(self.cfg["instance_start"][name])
        port = next(i["port"] for i in self.cfg["instances"] if i["name"] == name)

        def until_up():
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.1)
            self.load.killed.discard(name)
        threading.Thread(target=until_up, daemon=True).start()

    def sh(self, cmd):
        subprocess.run(cmd, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def plan(self):
        c = self.cfg
        rp = c["redis_port"]
        redis_start = c["redis_start"]
        pg = c["pg"]
        return [
            ("baseline (no fault)", lambda: None, lambda: None, "A"),
            ("Redis stopped (SHUTDOWN), restarted empty",
             lambda: self.sh("redis-cli -p %d shutdown nosave" % rp), lambda: self.sh(redis_start), "A"),
            ("Redis killed (kill -9), restarted empty",
             lambda: self.sh("kill -9 $(cat %s)" % c["redis_pidfile"]), lambda: self.sh(redis_start), "A"),
            ("Redis frozen (SIGSTOP)",
             lambda: self.sh("kill -STOP $(cat %s)" % c["redis_pidfile"]),
             lambda: self.sh("kill -CONT $(cat %s)" % c["redis_pidfile"]), "A"),
            ("Redis CLIENT PAUSE",
             lambda: self.sh("redis-cli -p %d client pause %d" % (rp, c.get("fault_seconds", 5) * 1000)), lambda: None, "A"),
            ("writer C cut off from Redis (proxy)",
             lambda: self.sh("kill -USR1 %d" % c["proxy_pid"]), lambda: self.sh("kill -USR2 %d" % c["proxy_pid"]), "C"),
            ("instance B killed (kill -9), restarted",
             lambda: self.kill_instance("B"), lambda: self.restart_instance("B"), "A"),
            ("PostgreSQL stopped (pg_ctl stop -m fast)",
             lambda: self.sh(pg["stop"]), lambda: self.sh(pg["start"]), "A"),
            ("PostgreSQL frozen (SIGSTOP, every process)",
             lambda: self.sh(pg["freeze"]), lambda: self.sh(pg["thaw"]), "A"),
        ]


def write_results(cfg, load, rows, out_path):
    read_statuses = sorted({k for s in load.stats.values() for k in s["read_statuses"]}, key=str)
    write_statuses = sorted({k for s in load.stats.values() for k in s["write_statuses"]}, key=str)
    lines = []
    lines.append("# Chaos run %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    lines.append("")
    lines.append(cfg.get("note", ""))
    lines.append("")
    head = ("| phase | writer | reads | " + " | ".join("reads %s" % k for k in read_statuses)
            + " | writes | " + " | ".join("writes %s" % k for k in write_statuses)
            + " | stale reads | longest staleness | slowest read | slowest write | recovery (all instances HIT) |")
    lines.append(head)
    lines.append("|---|---|" + "---:|" * (head.count("|") - 3))
    for name, writer, recovery in rows:
        s = load.stats.get(name, new_stats())
        cells = [name, writer, str(s["reads"])] + [str(s["read_statuses"].get(k, 0)) for k in read_statuses]
        cells += [str(s["writes"])] + [str(s["write_statuses"].get(k, 0)) for k in write_statuses]
        cells += [str(s["stale"]), "%.0f ms" % s["longest_stale_ms"], "%.0f ms" % s["slowest_read_ms"],
                  "%.0f ms" % s["slowest_write_ms"], "%.2f s" % recovery if recovery is not None else "not within 90 s"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Each phase: 1 s of load, the fault for %d s, then load until every instance serves a hit "
                 "again, plus 2 s. Readers: 2 per instance, GET /api/projects/ every 20 ms; writer: PATCH of one "
                 "project's name every 200 ms through the instance in the writer column. A read is stale if it "
                 "started after a newer name's write had returned; its staleness is how long after." % cfg.get("fault_seconds", 5))
    text = "\n".join(lines) + "\n"
    with open(out_path, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    if sys.argv[1] == "proxy":
        proxy(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
