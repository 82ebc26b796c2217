#!/usr/bin/env python3
"""Turns bench/run's measurements into bench/results/latest.json and latest.md.

usage: report.py FACTS.json POINTS.jsonl OUT.json OUT.md
POINTS.jsonl: one line per wrk run: {"name", "mode", "conns", "wrk": {...}}; modes: uncached, hit, 304, nginx,
gzip (hit with Accept-Encoding: gzip), nginx_gzip, nginx_304, tomcat, tomcat_304, jetty, jetty_304 (bare-servlet floors),
br (hit with Accept-Encoding: gzip, deflate, br), hit_nofiles (hit on the instance without body files); names
tenx_<list>: the 10x city (uncached c1, hit and nginx c64)
"""
import json
import os
import statistics
import sys

LISTS = ["projects", "projects_active", "projects_future", "projects_past", "privateprojects", "extprojects", "plans"]

# docs/operations.md, Targets
UNCACHED_MEDIAN_MS = 50.0
HIT_MEDIAN_MS = 1.0
NGINX_RATIO = 0.5
REVALIDATION_RPS = 20000
HEAP_MB = 256
# issue 8 (the targets as amended)
NGINX_304_RATIO = 0.5
PRIVATE_NGINX_RATIO = 0.3
HIT_TO_UNCACHED = 3.0
CONTAINER_SWITCH = 1.15
# issue 23: reported, not asserted
WIRE_RATIO = 0.8


def point(points, name, mode, conns):
    for p in points:
        if p["name"] == name and p["mode"] == mode and p["conns"] == conns:
            w = p["wrk"]
            return {
                "rps": round(w["requests"] / (w["duration_us"] / 1e6), 1),
                "p50_ms": round(w["p50_us"] / 1000, 3),
                "p90_ms": round(w["p90_us"] / 1000, 3),
                "p99_ms": round(w["p99_us"] / 1000, 3),
                "mean_ms": round(w["mean_us"] / 1000, 3),
                "requests": w["requests"],
                "errors": w["errors"] + w["status_errors"],
            }
    return None


def ratio(a, b):
    return round(a["rps"] / b["rps"], 3) if a and b and b["rps"] else None


def main():
    facts_path, points_path, out_json, out_md = sys.argv[1:5]
    facts = json.load(open(facts_path))
    points = [json.loads(line) for line in open(points_path) if line.strip()]
    # the application and nginx measured alternately in rounds (bench/run, "paired"), if any
    pairs = [json.loads(line) for line in open(sys.argv[5]) if line.strip()] if len(sys.argv) > 5 else []

    results = {}
    for name in LISTS:
        r = {}
        for mode in ("uncached", "hit", "304"):
            for conns in (1, 64):
                r[f"{mode}_c{conns}"] = point(points, name, mode, conns)
        r["nginx_c64"] = point(points, name, "nginx", 64)
        hit = r["hit_c64"]
        ng = r["nginx_c64"]
        r["hit_to_nginx"] = round(hit["rps"] / ng["rps"], 3) if hit and ng and ng["rps"] else None
        for mode in ("gzip", "nginx_gzip", "nginx_304", "tomcat", "tomcat_304", "jetty", "jetty_304", "br", "hit_nofiles"):
            r[f"{mode}_c64"] = point(points, name, mode, 64)
        r["gzip_to_nginx_gzip"] = ratio(r["gzip_c64"], r["nginx_gzip_c64"])
        r["304_to_nginx_304"] = ratio(r["304_c64"], r["nginx_304_c64"])
        r["hit_to_uncached"] = ratio(hit, r["uncached_c64"])
        r["jetty_to_tomcat"] = ratio(r["jetty_c64"], r["tomcat_c64"])
        r["jetty_to_tomcat_304"] = ratio(r["jetty_304_c64"], r["tomcat_304_c64"])
        r["hit_to_tomcat"] = ratio(hit, r["tomcat_c64"])
        r["304_to_tomcat_304"] = ratio(r["304_c64"], r["tomcat_304_c64"])
        r["br_to_nginx_gzip"] = ratio(r["br_c64"], r["nginx_gzip_c64"])
        r["br_to_gzip"] = ratio(r["br_c64"], r["gzip_c64"])
        r["files_to_nofiles"] = ratio(hit, r["hit_nofiles_c64"])
        r["paired"] = {}
        for kind in ("hit", "gzip", "304"):
            rounds = [p["app"] / p["nginx"] for p in pairs if p["name"] == name and p["kind"] == kind and p["nginx"]]
            if rounds:
                r["paired"][kind] = {"median": round(statistics.median(rounds), 3), "rounds": [round(x, 3) for x in rounds]}
        results[name] = r
    tenx = facts.get("tenx")
    if tenx:
        for name in [n for n in LISTS if n in tenx["lists"]]:
            t = tenx["lists"][name]
            t["uncached_c1"] = point(points, "tenx_" + name, "uncached", 1)
            t["hit_c64"] = point(points, "tenx_" + name, "hit", 64)
            t["nginx_c64"] = point(points, "tenx_" + name, "nginx", 64)
            t["hit_to_nginx"] = ratio(t["hit_c64"], t["nginx_c64"])

    def all_lists(pred):
        bad = [n for n in LISTS if not pred(results[n])]
        return ("met" if not bad else "missed"), bad

    targets = []

    def target(key, text, status_bad, measured):
        status, bad = status_bad
        targets.append({"target": key, "text": text, "status": status, "missed_by": bad, "measured": measured})

    target("uncached_median",
           f"uncached (store none) computation of each list: median <= {UNCACHED_MEDIAN_MS:g} ms (wrk, 1 connection)",
           all_lists(lambda r: r["uncached_c1"]["p50_ms"] <= UNCACHED_MEDIAN_MS),
           {n: results[n]["uncached_c1"]["p50_ms"] for n in LISTS})
    target("hit_median",
           f"cached hit: median <= {HIT_MEDIAN_MS:g} ms server time (measured client-side over loopback with wrk "
           f"at 1 connection: an upper bound of the server time)",
           all_lists(lambda r: r["hit_c1"]["p50_ms"] <= HIT_MEDIAN_MS),
           {n: results[n]["hit_c1"]["p50_ms"] for n in LISTS})
    target("hit_vs_nginx",
           f"cached hit throughput at 64 connections >= {NGINX_RATIO:g} x nginx serving the same bytes",
           all_lists(lambda r: r["hit_to_nginx"] is not None and r["hit_to_nginx"] >= NGINX_RATIO),
           {n: results[n]["hit_to_nginx"] for n in LISTS})
    target("revalidation_rps",
           f"304 revalidation >= {REVALIDATION_RPS} requests/s (64 connections)",
           all_lists(lambda r: r["304_c64"]["rps"] >= REVALIDATION_RPS),
           {n: results[n]["304_c64"]["rps"] for n in LISTS})
    public = [n for n in LISTS if n != "privateprojects"]

    def lists_of(names, pred):
        bad = [n for n in names if not pred(results[n])]
        return ("met" if not bad else "missed"), bad

    def at_least(key, limit):
        return lambda r: r[key] is not None and r[key] >= limit

    target("hit_vs_nginx_identity_gzip",
           f"issue 8: cached hit >= {NGINX_RATIO:g} x nginx, same bytes, identity and gzip (public lists)",
           lists_of(public, lambda r: at_least("hit_to_nginx", NGINX_RATIO)(r) and at_least("gzip_to_nginx_gzip", NGINX_RATIO)(r)),
           {n: min(v for v in (results[n]["hit_to_nginx"], results[n]["gzip_to_nginx_gzip"]) if v is not None)
            if results[n]["gzip_to_nginx_gzip"] is not None else results[n]["hit_to_nginx"] for n in public})
    target("304_vs_nginx_304",
           f"issue 8: 304 >= {NGINX_304_RATIO:g} x nginx's own 304 rate",
           lists_of(LISTS, at_least("304_to_nginx_304", NGINX_304_RATIO)),
           {n: results[n]["304_to_nginx_304"] for n in LISTS})
    target("private_vs_nginx",
           f"issue 8: privateprojects hit >= {PRIVATE_NGINX_RATIO:g} x nginx",
           lists_of(["privateprojects"], at_least("hit_to_nginx", PRIVATE_NGINX_RATIO)),
           {"privateprojects": results["privateprojects"]["hit_to_nginx"]})
    target("hit_vs_uncached",
           f"issue 8: cached hit >= {HIT_TO_UNCACHED:g} x uncached (64 connections)",
           lists_of(LISTS, at_least("hit_to_uncached", HIT_TO_UNCACHED)),
           {n: results[n]["hit_to_uncached"] for n in LISTS})
    # issue 23: the paired medians where measured, else the single points above
    def wire_ratios(r):
        if r["paired"]:
            return [v["median"] for v in r["paired"].values()]
        return [v for v in (r["hit_to_nginx"], r["gzip_to_nginx_gzip"], r["304_to_nginx_304"]) if v is not None]
    paired_rounds = max((len(v["rounds"]) for n in public for v in results[n]["paired"].values()), default=0)
    target("wire_vs_nginx",
           f"issue 23 (reported, not asserted): hit, gzip hit and 304 each >= {WIRE_RATIO:g} x nginx (public lists"
           + (f"; median of {paired_rounds} paired rounds)" if paired_rounds else ")"),
           lists_of(public, lambda r: bool(wire_ratios(r)) and min(wire_ratios(r)) >= WIRE_RATIO),
           {n: min(wire_ratios(results[n]), default=None) for n in public})
    heap = facts["heap"]
    # Met when the cached instance ran the whole load with a max heap of at most 256 MB without wrk errors
    # (so its used heap never exceeded it), or, run with a larger max heap, when its used heap stayed below.
    no_errors = all(p["wrk"]["errors"] == 0 for p in points if p["mode"] != "nginx")
    if heap["max_heap_mb"] and heap["max_heap_mb"] <= HEAP_MB:
        heap_status = "met" if no_errors else "missed (errors under load with this max heap)"
    else:
        heap_status = "met" if heap["used_after_load_mb"] <= HEAP_MB else (
            "missed" if heap["live_after_full_gc_mb"] > HEAP_MB else "missed (garbage only: the live set fits)")
    targets.append({"target": "heap", "text": f"heap <= {HEAP_MB} MB for this data (cached instance: max heap, "
                    f"used heap right after the load, live set after a full GC)",
                    "status": heap_status, "missed_by": [], "measured": heap})

    errors = {f'{p["name"]}/{p["mode"]}/c{p["conns"]}': p["wrk"]["errors"] + p["wrk"]["status_errors"]
              for p in points if p["wrk"]["errors"] + p["wrk"]["status_errors"]}
    out = dict(facts)
    out["results"] = results
    out["targets"] = targets
    out["wrk_errors"] = errors
    with open(out_json, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")

    m = facts["machine"]
    d = facts["data"]
    L = []
    L.append("# projekte benchmark — latest run")
    L.append("")
    L.append(f"- date: {facts['date']} (commit {facts['git']})")
    L.append(f"- machine: {m['nproc']} cores, {m['cpu']}, {m['mem_mb']} MB; load average at the end {m['loadavg_at_end']}")
    L.append(f"- JDK: {facts['jdk']}; JVM options: `{facts['java_opts'] or '(defaults)'}`; {facts['wrk']}; {facts['nginx']}")
    L.append(f"- data: devtools --projects {d['projects']} --plans {d['plans']} --ext-projects {d['ext_projects']} "
             f"--seed {d['seed']} (took {d['devtools_ms'] / 1000:.1f} s) on PostgreSQL + Redis"
             + ("; `ANALYZE` after loading" if d.get("analyzed") else "; no `ANALYZE` after loading"))
    L.append(f"- wrk {facts['wrk_seconds']} s per point, 1 thread at 1 connection, 2 threads at 64; client and "
             f"server share the 2 cores; privateprojects as `{facts['member']}` (HTTP Basic)")
    L.append("")
    L.append("## Targets (docs/operations.md)")
    L.append("")
    L.append("| target | result | measured |")
    L.append("|---|---|---|")
    for t in targets:
        if t["target"] == "heap":
            meas = (f"max heap {heap['max_heap_mb']} MB; {heap['used_after_load_mb']} MB used after the load, "
                    f"{heap['live_after_full_gc_mb']} MB live")
        else:
            vals = list(t["measured"].values())
            unit = {"uncached_median": " ms", "hit_median": " ms", "revalidation_rps": " req/s"}.get(t["target"], "x")
            vals = [v for v in vals if v is not None] or [0]
            fmt = (lambda v: f"{v:,.0f}") if t["target"] == "revalidation_rps" else (lambda v: f"{v:g}")
            worst = max(vals) if t["target"] in ("uncached_median", "hit_median") else min(vals)
            meas = f"worst {fmt(worst)}{unit}"
            if t["missed_by"]:
                meas += "; missed by " + ", ".join(f"{n} ({fmt(t['measured'][n])}{unit})" for n in t["missed_by"])
        L.append(f"| {t['text']} | **{t['status']}** | {meas} |")
    L.append("")
    L.append("## Lists")
    L.append("")
    L.append("Latency at 1 connection, client side over loopback: median / p99 in ms.")
    L.append("")
    L.append("| list | items | bytes | uncached (store none) | cached hit (redis) | 304 |")
    L.append("|---|---:|---:|---|---|---|")

    def lat(p):
        return "–" if p is None else f"{p['p50_ms']:.2f} / {p['p99_ms']:.2f}"

    def rps(p):
        return "–" if p is None else f"{p['rps']:,.0f} ({p['p50_ms']:.1f} ms)"

    for n in LISTS:
        r = results[n]
        li = facts["lists"][n]
        L.append(f"| `{li['path']}` | {li['items']} | {li['bytes']:,} | {lat(r['uncached_c1'])} | {lat(r['hit_c1'])} "
                 f"| {lat(r['304_c1'])} |")
    L.append("")
    L.append("Throughput at 64 connections: requests/s (median latency).")
    L.append("")
    L.append("| list | uncached | cached hit | 304 | nginx, same bytes | hit / nginx |")
    L.append("|---|---|---|---|---|---:|")
    for n in LISTS:
        r = results[n]
        li = facts["lists"][n]
        L.append(f"| `{li['path']}` | {rps(r['uncached_c64'])} | {rps(r['hit_c64'])} | {rps(r['304_c64'])} "
                 f"| {rps(r['nginx_c64'])} | {r['hit_to_nginx']} |")
    L.append("")
    L.append("Against nginx's own answers and the cache's gain, at 64 connections: requests/s.")
    L.append("")
    L.append("| list | hit, gzip | nginx, gzip bytes | gzip / nginx | nginx 304 | 304 / nginx 304 | hit / uncached |")
    L.append("|---|---|---|---:|---|---:|---:|")
    for n in LISTS:
        r = results[n]
        L.append(f"| `{facts['lists'][n]['path']}` | {rps(r['gzip_c64'])} | {rps(r['nginx_gzip_c64'])} | {r['gzip_to_nginx_gzip']} "
                 f"| {rps(r['nginx_304_c64'])} | {r['304_to_nginx_304']} | {r['hit_to_uncached']} |")
    if any(results[n]["paired"] for n in public):
        L.append("")
        L.append("## Paired with nginx (issue 23)")
        L.append("")
        L.append("The application and nginx serving the same bytes measured alternately, the order swapped each round, "
                 "64 connections: the median of the rounds' ratios (the rounds in brackets). nginx: the identity file, "
                 "the application's gzip bytes, and its own 304.")
        L.append("")
        L.append("| list | hit / nginx | gzip hit / nginx gzip | 304 / nginx 304 |")
        L.append("|---|---:|---:|---:|")

        def paired(v):
            return "–" if v is None else f"{v['median']} ({', '.join(f'{x:g}' for x in v['rounds'])})"
        for n in public:
            pr = results[n]["paired"]
            L.append(f"| `{facts['lists'][n]['path']}` | {paired(pr.get('hit'))} | {paired(pr.get('gzip'))} | {paired(pr.get('304'))} |")
    wire = [n for n in public if results[n]["br_c64"] or results[n]["hit_nofiles_c64"]]
    if wire:
        L.append("")
        L.append("## br and body files (issue 23)")
        L.append("")
        L.append("Bytes of each coding (gzip: the stored bytes, the fastest level; br: Brotli4j, `projekte.cache.brotli.quality`), "
                 "a br hit (`Accept-Encoding: gzip, deflate, br`, what browsers send) against the gzip hit and against nginx "
                 "serving the gzip bytes; the identity hit with body files (sendfile from "
                 "`projekte.cache.body-files.min-bytes` on) against the same on an instance without them, measured right "
                 "after it. 64 connections, requests/s.")
        L.append("")
        L.append("| list | identity bytes | gzip bytes | br bytes | br / gzip bytes | br hit | br / gzip hit | br / nginx gzip "
                 "| hit, body files | hit, from memory | files / memory |")
        L.append("|---|---:|---:|---:|---:|---|---:|---:|---|---|---:|")
        for n in wire:
            r = results[n]
            li = facts["lists"][n]
            gz, br = li.get("gzip_bytes") or 0, li.get("br_bytes") or 0
            L.append(f"| `{li['path']}` | {li['bytes']:,} | {gz:,} | {br:,} | {round(br / gz, 3) if gz else '–'} | {rps(r['br_c64'])} "
                     f"| {r['br_to_gzip']} | {r['br_to_nginx_gzip']} | {rps(r['hit_c64'])} | {rps(r['hit_nofiles_c64'])} "
                     f"| {r['files_to_nofiles']} |")
    if tenx:
        L.append("")
        L.append(f"## The 10x city ({tenx['projects']:,} projects, {tenx['plans']:,} plans, {tenx['ext_projects']:,} external "
                 f"projects; loaded in {tenx['devtools_ms'] / 1000:.0f} s)")
        L.append("")
        L.append("Uncached: store none, 1 connection, median / p99 ms. Hit and nginx (same bytes): 64 connections, requests/s.")
        L.append("")
        L.append("| list | items | identity bytes | gzip bytes | br bytes | uncached | hit | nginx | hit / nginx |")
        L.append("|---|---:|---:|---:|---:|---|---|---|---:|")
        for n in [n for n in LISTS if n in tenx["lists"]]:
            t = tenx["lists"][n]
            L.append(f"| `{facts['lists'][n]['path']}` | {t['items']:,} | {t['bytes']:,} | {t['gzip_bytes']:,} | "
                     f"{t['br_bytes']:,} | {lat(t['uncached_c1'])} | {rps(t['hit_c64'])} | {rps(t['nginx_c64'])} | {t['hit_to_nginx'] or '–'} |")
        fv = tenx["first_view"]
        L.append("")
        L.append(f"The overview page's first view (HTML, scripts, styles, Leaflet and the four lists, anonymous): "
                 f"**{fv['br'] / 1024:,.0f} KB** with br, {fv['gzip'] / 1024:,.0f} KB with gzip only; at 1x "
                 f"{fv['br_1x'] / 1024:,.0f} KB and {fv['gzip_1x'] / 1024:,.0f} KB.")
        L.append("")
        L.append(f"Cached 10x instance (`{facts['java_opts']}`): {tenx['heap']['used_after_load_mb']} MB heap used after its load, "
                 f"{tenx['heap']['live_after_full_gc_mb']} MB live; body files on the tmpfs "
                 f"{tenx['body_files']['bytes'] / 1048576:.2f} MB (du {tenx['body_files']['du_bytes'] / 1048576:.2f} MB).")
    floor = [n for n in facts.get("floor_lists", []) if results[n]["tomcat_c64"]]
    if floor:
        L.append("")
        L.append("## Servlet container floor")
        L.append("")
        L.append("One bare servlet writing the same bytes from memory (`bench/floor`), on embedded Tomcat and on "
                 "embedded Jetty in Spring Boot's versions, at 64 connections: requests/s. The application's hit and "
                 f"304 as a share of Tomcat's floor. Switch containers only if Jetty is >= {CONTAINER_SWITCH:g} x Tomcat "
                 "for both hits and 304s.")
        L.append("")
        L.append("| list | Tomcat 200 | Jetty 200 | Jetty / Tomcat | Tomcat 304 | Jetty 304 | Jetty / Tomcat | app hit / Tomcat | app 304 / Tomcat |")
        L.append("|---|---|---|---:|---|---|---:|---:|---:|")
        for n in floor:
            r = results[n]
            L.append(f"| `{facts['lists'][n]['path']}` | {rps(r['tomcat_c64'])} | {rps(r['jetty_c64'])} | {r['jetty_to_tomcat']} "
                     f"| {rps(r['tomcat_304_c64'])} | {rps(r['jetty_304_c64'])} | {r['jetty_to_tomcat_304']} "
                     f"| {r['hit_to_tomcat']} | {r['304_to_tomcat_304']} |")
        faster = all((results[n]["jetty_to_tomcat"] or 0) >= CONTAINER_SWITCH and (results[n]["jetty_to_tomcat_304"] or 0)
                     >= CONTAINER_SWITCH for n in floor)
        L.append("")
        L.append(f"Verdict of this run: {'Jetty is' if faster else 'Jetty is not'} >= {CONTAINER_SWITCH:g} x Tomcat for both "
                 f"hits and 304s on every list measured.")
    L.append("")
    pl = facts["page_load"]
    L.append("## Overview page load")
    L.append("")
    L.append(f"The page's four requests ({', '.join('`' + p + '`' for p in pl['requests'])}) in parallel with curl "
             f"(gzip accepted; curl process start included), median wall time:")
    L.append("")
    L.append(f"- cold (store none: every list computed): **{pl['cold_ms']} ms** ({len(pl['cold_runs_us'])} runs)")
    L.append(f"- warm (store redis, all hits): **{pl['warm_ms']} ms** ({len(pl['warm_runs_us'])} runs)")
    if "nginx_ms" in pl:
        L.append(f"- the same four curl runs against nginx serving the bytes: **{pl['nginx_ms']} ms** (what starting curl "
                 f"and connecting cost on this machine)")
    L.append(f"- original platform: about 6 s")
    if facts.get("page_hook"):
        L.append("")
        L.append("In headless Chromium (`bench/page-load`): ms from navigation start to the last tile rendered, "
                 "median, min and max of 10 runs; longest main-thread task; lists answered 304:")
        L.append("")
        L.append("| server | load | median | min | max | longest task | 304s |")
        L.append("|---|---|---:|---:|---:|---:|---:|")
        L.append(facts["page_hook"]["table"])
    if facts.get("page_audit"):
        L.append("")
        L.append("Lighthouse 12 in Debian's Chromium (`bench/page-audit`, cached instance, map without tiles): "
                 "mobile (simulated slow 4G, 4x CPU) median of 3 runs, desktop one run:")
        L.append("")
        L.append("| | mobile (median) | mobile runs | desktop | target |")
        L.append("|---|---:|---|---:|---|")
        L.append(facts["page_audit"]["table"])
    L.append("")
    L.append("## Heap")
    L.append("")
    L.append(f"Cached instance after the load: {heap['used_after_load_mb']} MB used of {heap['committed_mb']} MB committed "
             f"(max {heap['max_heap_mb']} MB), {heap['live_after_full_gc_mb']} MB after a full GC; the uncached instance "
             f"used {heap['uncached_instance_used_mb']} MB. (`jcmd GC.heap_info`)")
    if "near_cache_bytes" in facts:
        L.append("")
        L.append(f"Near cache of the cached instance at the end (`projekte_cache_near_bytes`: bodies and gzip of the "
                 f"near copies): {facts['near_cache_bytes'] / 1048576:.2f} MB.")
    if "body_files" in facts:
        bf = facts["body_files"]
        L.append("")
        L.append(f"Body files of the cached instance on the tmpfs (`projekte_cache_body_files_bytes`; memory outside the heap): "
                 f"{bf['bytes'] / 1048576:.2f} MB (du of its directory: {bf['du_bytes'] / 1048576:.2f} MB).")
    if errors:
        L.append("")
        L.append("## wrk errors")
        L.append("")
        for k, v in errors.items():
            L.append(f"- {k}: {v}")
    L.append("")
    findings = os.path.join(os.path.dirname(os.path.abspath(__file__)), "findings.md")
    if os.path.exists(findings):
        L.append(open(findings).read())
    with open(out_md, "w") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
