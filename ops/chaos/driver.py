#!/usr/bin/env python3
"""Chaos load driver (ops/chaos/run starts everything and calls this).

  driver.py proxy LISTEN_PORT TARGET_PORT     a TCP proxy: SIGUSR1 cuts it (closes and refuses), SIGUSR2 restores;
                                              SIGSTOP freezes it (connections open, nothing forwarded)
  driver.py run CONFIG.json RESULTS.md        the phases: load, one fault each, a table of what the clients saw
  driver.py check "ID ..."                    exits non-zero unless every scenario id is known

A writer renames one project every 200 ms ("chaos v<N>") through one instance; readers poll
/api/projects/ on the instances the phase reads. A read is stale when it started after the write
of a newer version had returned. Recovery: from the end of a fault until every instance read
answers 200 with X-Cache: HIT again.
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
import random
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
            "longest_stale_ms": 0.0, "slowest_read_ms": 0.0, "slowest_write_ms": 0.0, "write_ms": [],
            "stale_reads": []}


# Readers per instance and the pause after each read, unless a phase says otherwise. A pause of 0:
# back to back, each after a random pause of up to 3 ms (readers that all joined one computation
# would otherwise stay in step and hardly ever join one mid-way).
DEFAULT_READERS = {"A": (2, 0.02), "B": (2, 0.02), "C": (2, 0.02)}
MOST_READERS = 8


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
        self.phase_started = time.monotonic()
        self.stats = {}
        self.stop = threading.Event()
        self.killed = set()
        self.writer_instance = self.instances[0]
        self.readers = DEFAULT_READERS                 # name -> (readers, pause after each read)
        self.hits = {i["name"]: (0.0, False) for i in self.instances}   # name -> (time, last read was a HIT 200)

    def request(self, port, method, path, body=None, headers=None, timeout=10):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, r.getheader("X-Cache"), r.read()
        finally:
            conn.close()

    def record(self, kind, status, millis, stale=0.0, detail=None):
        with self.lock:
            s = self.stats.setdefault(self.phase, new_stats())
            s[kind + "s"] += 1
            s[kind + "_statuses"][status] += 1
            s["slowest_" + kind + "_ms"] = max(s["slowest_" + kind + "_ms"], millis)
            if stale > 0:
                s["stale"] += 1
                s["longest_stale_ms"] = max(s["longest_stale_ms"], stale)
                s["stale_reads"].append(detail)
            if kind == "write":
                s["write_ms"].append(millis)

    def reader(self, inst, index):
        while not self.stop.is_set():
            count, pause = self.readers.get(inst["name"], (0, 0.02))
            if index >= count:
                time.sleep(0.02)
                continue
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
            detail = "%s at %+.2f s of the phase, X-Cache %s, v%d seen, v%d expected, %.1f ms after v%d's write returned" % (
                inst["name"], start - self.phase_started, xcache, seen, expected, stale, seen + 1) if stale > 0 else None
            self.record("read", status, millis, stale, detail)
            with self.lock:
                self.hits[inst["name"]] = (time.monotonic(), status == 200 and xcache == "HIT")
            time.sleep(pause if pause > 0 else random.uniform(0, 0.003))

    def writer(self):
        while not self.stop.is_set():
            nxt = self.version + 1
            inst = self.writer_instance
            start = time.monotonic()
            try:
                status, _, _ = self.request(inst["port"], "PATCH", "/api/admin/projects/%d" % self.project,
                                            body=json.dumps({"name": "chaos v%d" % nxt}),
                                            headers={"Authorization": self.auth, "Content-Type": "application/json"},
                                            timeout=30)   # an eviction waiting out a stepped clock takes > 10 s
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
            return all(t > since and hit for name, (t, hit) in self.hits.items() if self.readers.get(name, (0,))[0] > 0)


def run(cfg_path, out_path):
    cfg = json.load(open(cfg_path))
    load = Load(cfg)
    faults = Faults(cfg, load)
    phases = faults.selected(cfg.get("scenarios", ""))
    repeat = max(1, int(cfg.get("repeat", 1)))
    threads = [threading.Thread(target=load.reader, args=(i, n), daemon=True)
               for i in load.instances for n in range(MOST_READERS)]
    threads.append(threading.Thread(target=load.writer, daemon=True))
    rows = []
    load.phase = "warm-up"
    for t in threads:
        t.start()
    time.sleep(3)
    fault_seconds = cfg.get("fault_seconds", 5)
    for run_number in range(1, repeat + 1):
        for phase in phases:
            name = phase["name"] + (" (run %d)" % run_number if repeat > 1 else "")
            load.writer_instance = next(i for i in load.instances if i["name"] == phase["writer"])
            load.readers = phase.get("readers", DEFAULT_READERS)
            load.phase = name
            load.phase_started = time.monotonic()
            print("chaos: %s" % name, flush=True)
            time.sleep(1)
            phase["inject"]()
            time.sleep(phase.get("hold", fault_seconds))
            healed = time.monotonic()
            phase["heal"]()
            recovery = None
            while time.monotonic() - healed < 90:
                if load.all_hit_since(healed):
                    recovery = time.monotonic() - healed
                    break
                time.sleep(0.02)
            time.sleep(2)
            rows.append((name, phase, recovery))
            print("chaos: %s done, recovery %s" % (name, "%.2f s" % recovery if recovery is not None else "none"), flush=True)
    load.stop.set()
    for t in threads:
        t.join(15)
    write_results(cfg, load, rows, faults.notes, out_path)


class Faults:
    def __init__(self, cfg, load):
        self.cfg = cfg
        self.load = load
        self.notes = []                              # what the clock-steps scenario measured of Redis's clock

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

    def signal_instance(self, name, sig):
        self.sh("kill -%s $(cat %s)" % (sig, self.cfg["instance_pidfiles"][name]))

    def sh(self, cmd):
        subprocess.run(cmd, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # -- reader cut off: C's link to Redis frozen (the proxy stopped: connections open, nothing
    #    forwarded, so C's commands time out), then reset (every connection closed, new ones refused)

    def cut_reader_off(self):
        pid = self.cfg["proxy_pid"]
        self.sh("kill -STOP %d" % pid)
        time.sleep(self.cfg.get("fault_seconds", 5))
        self.sh("kill -USR1 %d; kill -CONT %d" % (pid, pid))   # the cut is handled as the proxy resumes

    # -- clock steps: Redis's wall clock moved by the preloaded shim (src/test/c/clock-shift.c)

    def step_redis_clock(self, millis):
        with open(self.cfg["clock_shift_file"]) as f:
            self.set_redis_clock(int(f.read().strip() or "0") + millis)
        self.notes.append("%s: Redis clock stepped %+.0f s, Redis TIME - machine time %s" % (
            self.load.phase, millis / 1000, self.redis_skew()))

    def set_redis_clock(self, offset):
        path = self.cfg["clock_shift_file"]
        with open(path + ".next", "w") as f:
            f.write(str(offset))
        os.replace(path + ".next", path)             # the shim never reads half a number
        time.sleep(0.005)                            # it re-reads the file at most every 2 ms

    def heal_clock_steps(self):
        self.signal_instance("C", "CONT")
        self.set_redis_clock(0)                      # a repeat starts from the machine's time again

    def redis_skew(self):
        before = time.time()
        out = subprocess.run(["redis-cli", "-p", str(self.cfg["redis_port"]), "TIME"],
                             capture_output=True, text=True, timeout=5).stdout.split()
        after = time.time()
        if len(out) != 2:
            return "unknown (TIME answered %r)" % out
        return "%+.3f s" % (int(out[0]) + int(out[1]) / 1e6 - (before + after) / 2)

    def clock_steps(self):
        self.step_redis_clock(5000)
        time.sleep(2)                                # leases renewed on the stepped clock
        self.signal_instance("C", "STOP")            # C falls silent holding its lease
        time.sleep(0.2)
        self.step_redis_clock(-10000)

    def plan(self):
        c = self.cfg
        rp = c["redis_port"]
        redis_start = c["redis_start"]
        pg = c["pg"]
        nothing = lambda: None
        return [
            {"id": "baseline", "name": "baseline (no fault)", "inject": nothing, "heal": nothing, "writer": "A"},
            {"id": "redis-stopped", "name": "Redis stopped (SHUTDOWN), restarted empty",
             "inject": lambda: self.sh("redis-cli -p %d shutdown nosave" % rp), "heal": lambda: self.sh(redis_start), "writer": "A"},
            {"id": "redis-killed", "name": "Redis killed (kill -9), restarted empty",
             "inject": lambda: self.sh("kill -9 $(cat %s)" % c["redis_pidfile"]), "heal": lambda: self.sh(redis_start), "writer": "A"},
            {"id": "redis-frozen", "name": "Redis frozen (SIGSTOP)",
             "inject": lambda: self.sh("kill -STOP $(cat %s)" % c["redis_pidfile"]),
             "heal": lambda: self.sh("kill -CONT $(cat %s)" % c["redis_pidfile"]), "writer": "A"},
            {"id": "redis-paused", "name": "Redis CLIENT PAUSE",
             "inject": lambda: self.sh("redis-cli -p %d client pause %d" % (rp, c.get("fault_seconds", 5) * 1000)),
             "heal": nothing, "writer": "A"},
            {"id": "writer-cut-off", "name": "writer C cut off from Redis (proxy)",
             "inject": lambda: self.sh("kill -USR1 %d" % c["proxy_pid"]), "heal": lambda: self.sh("kill -USR2 %d" % c["proxy_pid"]),
             "writer": "C"},
            {"id": "reader-cut-off", "name": "reader C cut off from Redis (proxy frozen, then reset); A writes; 8 clients read C",
             "inject": self.cut_reader_off, "heal": lambda: self.sh("kill -USR2 %d" % c["proxy_pid"]), "writer": "A",
             "readers": {"C": (8, 0.0)}},
            {"id": "clock-steps", "name": "Redis clock +5 s, then -10 s; A writes; B read; C holds a lease, then SIGSTOP",
             "inject": self.clock_steps, "heal": self.heal_clock_steps, "writer": "A",
             "readers": {"B": (4, 0.0)}, "hold": max(12, c.get("fault_seconds", 5))},
            {"id": "instance-killed", "name": "instance B killed (kill -9), restarted",
             "inject": lambda: self.kill_instance("B"), "heal": lambda: self.restart_instance("B"), "writer": "A"},
            {"id": "pg-stopped", "name": "PostgreSQL stopped (pg_ctl stop -m fast)",
             "inject": lambda: self.sh(pg["stop"]), "heal": lambda: self.sh(pg["start"]), "writer": "A"},
            {"id": "pg-frozen", "name": "PostgreSQL frozen (SIGSTOP, every process)",
             "inject": lambda: self.sh(pg["freeze"]), "heal": lambda: self.sh(pg["thaw"]), "writer": "A"},
        ]

    def selected(self, scenarios):
        """The phases named in SCENARIOS (space-separated ids, in plan order), or all of them."""
        wanted = scenarios.split()
        plan = self.plan()
        assert [p["id"] for p in plan] == SCENARIO_IDS, "SCENARIO_IDS lists the plan's ids"
        return [p for p in plan if not wanted or p["id"] in wanted]


SCENARIO_IDS = ("baseline redis-stopped redis-killed redis-frozen redis-paused writer-cut-off reader-cut-off "
                "clock-steps instance-killed pg-stopped pg-frozen").split()


# A lease (projekte.cache.near-lease, 1 s), the command timeout (250 ms, production profile) and
# 250 ms for the write's own work: an eviction that waits no longer than the first two keeps under it.
SLOW_WRITE_MS = 1500


def p99(values):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def write_results(cfg, load, rows, notes, out_path):
    read_statuses = sorted({k for s in load.stats.values() for k in s["read_statuses"]}, key=str)
    write_statuses = sorted({k for s in load.stats.values() for k in s["write_statuses"]}, key=str)
    lines = []
    lines.append("# Chaos run %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    lines.append("")
    lines.append(cfg.get("note", ""))
    lines.append("")
    head = ("| phase | writer | read | reads | " + " | ".join("reads %s" % k for k in read_statuses)
            + " | writes | " + " | ".join("writes %s" % k for k in write_statuses)
            + " | stale reads | longest staleness | slowest read | slowest write | p99 write | writes > %d ms"
            " | recovery (instances read all HIT) |" % SLOW_WRITE_MS)
    lines.append(head)
    lines.append("|---|---|---|" + "---:|" * (head.count("|") - 4))
    for name, phase, recovery in rows:
        s = load.stats.get(name, new_stats())
        readers = phase.get("readers", DEFAULT_READERS)
        read = ", ".join("%s ×%d %s" % (inst, n, "every %.0f ms" % (pause * 1000) if pause > 0 else "back to back")
                         for inst, (n, pause) in sorted(readers.items()))
        cells = [name, phase["writer"], read, str(s["reads"])] + [str(s["read_statuses"].get(k, 0)) for k in read_statuses]
        cells += [str(s["writes"])] + [str(s["write_statuses"].get(k, 0)) for k in write_statuses]
        cells += [str(s["stale"]), "%.1f ms" % s["longest_stale_ms"], "%.0f ms" % s["slowest_read_ms"],
                  "%.0f ms" % s["slowest_write_ms"], "%.0f ms" % p99(s["write_ms"]),
                  str(sum(1 for m in s["write_ms"] if m > SLOW_WRITE_MS)),
                  "%.2f s" % recovery if recovery is not None else "not within 90 s"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Each phase: 1 s of load, the fault for %d s, then load until every instance read serves a hit "
                 "again, plus 2 s. Readers: 2 per instance, GET /api/projects/ every 20 ms, unless the read column "
                 "says otherwise; writer: PATCH of one project's name every 200 ms through the instance in the writer "
                 "column. A read is stale if it started after a newer name's write had returned; its staleness is "
                 "how long after. p99 write: the 99th percentile of the phase's write latencies "
                 "(with few writes, close to the slowest). Writes > %d ms: longer than a lease (1 s), the command "
                 "timeout (250 ms) and 250 ms for the write itself; issue 19: no eviction waits longer than a lease "
                 "plus the command timeout, under any Redis fault."
                 % (cfg.get("fault_seconds", 5), SLOW_WRITE_MS))
    stale = [(name, d) for name, _, _ in rows for d in load.stats.get(name, new_stats())["stale_reads"]]
    if stale:
        lines.append("")
        lines.append("Stale reads (instance, when, what it saw):")
        lines.append("")
        lines += ["- %s: %s" % (name, d) for name, d in stale]
    if any(p["id"] == "reader-cut-off" for _, p, _ in rows):
        lines.append("")
        lines.append("Reader cut off: C's link through the proxy frozen (SIGSTOP of the proxy: connections stay open, "
                     "nothing is forwarded) for %d s, then reset (every connection closed, new ones refused) for %d s; "
                     "eight clients read C back to back (a random pause of up to 3 ms between reads)." % (cfg.get("fault_seconds", 5), cfg.get("fault_seconds", 5)))
    if any(p["id"] == "clock-steps" for _, p, _ in rows):
        lines.append("")
        lines.append("Clock steps: Redis runs with the preload shim src/test/c/clock-shift.c (only its wall clock moves). "
                     "Redis's clock +5 s; 2 s later C (holding its lease, not read) is stopped (SIGSTOP), 0.2 s later "
                     "Redis's clock -10 s; C is continued (SIGCONT) %d s after the second step. Redis TIME read after "
                     "each step:" % max(12, cfg.get("fault_seconds", 5)))
        lines.append("")
        lines += ["- " + n for n in notes]
    text = "\n".join(lines) + "\n"
    with open(out_path, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    if sys.argv[1] == "proxy":
        proxy(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "check":
        unknown = [i for i in sys.argv[2].split() if i not in SCENARIO_IDS]
        if unknown:
            sys.exit("chaos: unknown scenario %s; known: %s" % (" ".join(unknown), " ".join(SCENARIO_IDS)))
    else:
        sys.exit(__doc__)
