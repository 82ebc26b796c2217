#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: top frames by self time and by total time.

usage: jfr-top.py RECORDING.jfr [N]
(runs `jfr print --json --events jdk.ExecutionSample`; bench/README.md "Profiling")
"""
import collections
import json
import subprocess
import sys


def frame_name(f):
    m = f["method"]
    return f'{m["type"]["name"]}.{m["name"]}'.replace("/", ".")


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_counts = collections.Counter()
    total_counts = collections.Counter()
    threads = collections.Counter()
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        if not frames:
            continue
        self_counts[frame_name(frames[0])] += 1
        for name in {frame_name(f) for f in frames}:
            total_counts[name] += 1
        t = e["values"].get("sampledThread") or {}
        threads[(t.get("javaName") or t.get("osName") or "?").rstrip("0123456789")] += 1
    total = sum(self_counts.values()) or 1
    print(f"{total} samples")
    print("\n-- threads (name without trailing digits)")
    for name, c in threads.most_common(8):
        print(f"{100 * c / total:5.1f}%  {name}")
    print("\n-- self time")
    for name, c in self_counts.most_common(n):
        print(f"{100 * c / total:5.1f}%  {name}")
    print("\n-- total time (frame anywhere on the stack), berlin.projekte and selected layers")
    shown = 0
    for name, c in total_counts.most_common():
        if any(name.startswith(p) for p in ("berlin.projekte", "org.springframework.security", "org.springframework.web",
                                            "org.apache.catalina", "org.apache.coyote", "io.lettuce", "tools.jackson",
                                            "java.util.zip", "org.springframework.data.redis", "io.micrometer")):
            print(f"{100 * c / total:5.1f}%  {name}")
            shown += 1
            if shown >= n:
                break


if __name__ == "__main__":
    main()
