#!/usr/bin/env python3
"""Measuring and reporting for scripts/bench-vs-libtorrent.sh.

  benchmeter.py run OUT.json -- CMD...
      run CMD (stdin, stdout and stderr inherited) and write to OUT.json:
      start and end (wall-clock seconds just before the spawn and when the
      process was reaped), its exit code, user and system CPU seconds
      (rusage of the child), the peak of RssAnon (anonymous resident
      memory) sampled from /proc/PID/status every 20 ms, and VmHWM (peak
      resident memory of every kind: anonymous, file-backed and shared,
      as the kernel counts it). SIGTERM and SIGINT are passed on to CMD.
  benchmeter.py cpu PID
      print the CPU seconds (user + system) PID has used so far
  benchmeter.py report RUNS_DIR
      print the results table of the runs under RUNS_DIR (see the script
      for what each run folder holds)
"""
import datetime
import json
import os
import signal
import statistics
import sys
import threading
import time

SAMPLE = 0.02


def status_kib(pid, fields):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in fields:
                    out[k] = int(v.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return out


def run(out, cmd):
    start = time.time()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda s, _f: os.kill(pid, s))
    peak = {"RssAnon": 0, "VmHWM": 0}
    samples = 0
    done = threading.Event()

    def sample():
        nonlocal samples
        while not done.is_set():
            got = status_kib(pid, peak)
            if got:
                samples += 1
                for k, v in got.items():
                    peak[k] = max(peak[k], v)
            done.wait(SAMPLE)

    t = threading.Thread(target=sample)
    t.start()
    _, status, ru = os.wait4(pid, 0)
    end = time.time()
    done.set()
    t.join()
    rec = {
        "start": start, "end": end, "wall": end - start, "rc": os.waitstatus_to_exitcode(status),
        "user": ru.ru_utime, "sys": ru.ru_stime, "cpu": ru.ru_utime + ru.ru_stime,
        "rss_anon_peak_kib": peak["RssAnon"], "vmhwm_kib": max(peak["VmHWM"], ru.ru_maxrss),
        "samples": samples,
    }
    with open(out, "w") as f:
        json.dump(rec, f)
    return rec["rc"]


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of stat(5); fields[0] is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------
# Report


def rfc3339(s):
    """Seconds since the epoch of an RFC 3339 time with up to 9 fractional
    digits (Go's time.RFC3339Nano), which datetime alone does not take."""
    s = s.replace("Z", "+00:00")
    frac = 0.0
    if "." in s:
        head, rest = s.split(".", 1)
        i = 0
        while i < len(rest) and rest[i].isdigit():
            i += 1
        frac = float("0." + rest[:i])
        s = head + rest[i:]
    return datetime.datetime.fromisoformat(s).timestamp() + frac


def load(path):
    with open(path) as f:
        return json.load(f)


def last_json_line(path):
    """The JSON a downloader printed: one object over the whole file
    (essaim's --json) or on the last line (lt_peer.py)."""
    with open(path) as f:
        text = f.read()
    try:
        return json.loads(text)
    except ValueError:
        return json.loads([l for l in text.splitlines() if l.strip()][-1])


MIB = 1 << 20


def measures(d, meta):
    """The figures of one run folder, by measure name."""
    part, system, size = meta["part"], meta["system"], meta["size"]
    m = {}
    if part == "a":
        g = load(f"{d}/get.meter.json")
        out = last_json_line(f"{d}/get.out")
        if system == "essaim":
            wall = g["wall"]
            first = rfc3339(out["first_chunk_at"])
            done = first - out["first_chunk_seconds"] + out["seconds"]
        else:
            wall = out["seeding"] - g["start"]
            first, done = out["first_piece"], out["seeding"]
        m["time_s"] = wall
        m["mib_s"] = size / MIB / wall
        m["ttfb_s"] = first - g["start"]
        m["flow_mib_s"] = size / MIB / (done - first)
        m["get_cpu_s"] = g["cpu"]
        m["get_anon_mib"] = g["rss_anon_peak_kib"] / 1024
        m["get_hwm_mib"] = g["vmhwm_kib"] / 1024
        m["holder_cpu_s"] = meta["holder_cpu"]
    elif part == "b":
        gs = [load(f"{d}/get{i}.meter.json") for i in range(1, meta["downloaders"] + 1)]
        t0 = min(g["start"] for g in gs)
        if system == "essaim":
            ends = [g["end"] for g in gs]
        else:
            ends = [last_json_line(f"{d}/get{i}.out")["seeding"] for i in range(1, meta["downloaders"] + 1)]
        m["last_s"] = max(ends) - t0
        m["first_done_s"] = min(ends) - t0
        m["agg_mib_s"] = meta["downloaders"] * size / MIB / m["last_s"]
        m["seed_cpu_s"] = meta["holder_cpu"]
        m["gets_cpu_s"] = sum(g["cpu"] for g in gs)
        if system == "essaim":
            with open(f"{d}/boot") as f:
                seed = f.read().strip().rsplit("/p2p/", 1)[1]
            copies = 0.0
            for i in range(1, meta["downloaders"] + 1):
                cf = last_json_line(f"{d}/get{i}.out")["chunks_from"]
                copies += cf.get(seed, 0) / max(sum(cf.values()), 1)
            m["seed_copies"] = copies
        else:
            m["seed_copies"] = last_json_line(f"{d}/seed.out")["uploaded"] / size
    elif part == "c":
        g = load(f"{d}/get.meter.json")
        out = last_json_line(f"{d}/get.out")
        if system == "essaim":
            m["ttfb_ms"] = (rfc3339(out["first_chunk_at"]) - g["start"]) * 1000
            m["ttfb_inproc_ms"] = out["first_chunk_seconds"] * 1000
            # The download's own start is first_chunk_at - first_chunk_seconds;
            # it took "seconds" from there.
            began = rfc3339(out["first_chunk_at"]) - out["first_chunk_seconds"]
            m["done_ms"] = (began + out["seconds"] - g["start"]) * 1000
        else:
            m["ttfb_ms"] = (out["first_piece"] - g["start"]) * 1000
            m["done_ms"] = (out["seeding"] - g["start"]) * 1000
        m["exit_ms"] = g["wall"] * 1000
        m["get_cpu_s"] = g["cpu"]
    return m


# (part, measure, label, unit format, better): better is "low" or "high"
ROWS = [
    ("a", "time_s", "time, downloader process start → done (essaim: get's exit)", "{:.2f} s", "low"),
    ("a", "mib_s", "throughput", "{:.0f} MiB/s", "high"),
    ("a", "ttfb_s", "first verified byte, from process start", "{:.2f} s", "low"),
    ("a", "flow_mib_s", "throughput from the first verified byte to done", "{:.0f} MiB/s", "high"),
    ("a", "get_cpu_s", "downloader CPU (user+sys)", "{:.2f} s", "low"),
    ("a", "get_anon_mib", "downloader peak RssAnon (anonymous)", "{:.0f} MiB", "low"),
    ("a", "get_hwm_mib", "downloader VmHWM (all resident, incl. file-backed)", "{:.0f} MiB", "low"),
    ("a", "holder_cpu_s", "holder CPU during the transfer", "{:.2f} s", "low"),
    ("b", "last_s", "time until the last of 4 is done", "{:.2f} s", "low"),
    ("b", "first_done_s", "time until the first of 4 is done", "{:.2f} s", "low"),
    ("b", "agg_mib_s", "aggregate download rate (4 × size ÷ last)", "{:.0f} MiB/s", "high"),
    ("b", "seed_copies", "seed sent, in copies of the work (4: it served all alone)", "{:.2f}", "low"),
    ("b", "seed_cpu_s", "seed CPU during the swarm", "{:.2f} s", "low"),
    ("b", "gets_cpu_s", "4 downloaders' CPU, summed", "{:.2f} s", "low"),
    ("c", "ttfb_ms", "first verified byte, from process start", "{:.0f} ms", "low"),
    ("c", "ttfb_inproc_ms", "first verified chunk, from the download's start (essaim's own clock)", "{:.0f} ms", "low"),
    ("c", "done_ms", "whole 1 MiB verified, from process start", "{:.0f} ms", "low"),
    ("c", "exit_ms", "process start → exit", "{:.0f} ms", "low"),
    ("c", "get_cpu_s", "downloader CPU (user+sys)", "{:.2f} s", "low"),
]

TITLES = {
    "a": "a) one holder → one downloader, {size}",
    "b": "b) one seed + 4 downloaders starting together, {size}",
    "c": "c) a 1 MiB work from a bootstrap holder (time to first verified byte)",
}


def cell(vals, fmt):
    if not vals:
        return "–"
    med = statistics.median(vals)
    if len(vals) == 1:
        return fmt.format(med)
    lo, hi = min(vals), max(vals)
    num = fmt.split()[0]
    unit = fmt[len(num):]
    return f"{fmt.format(med)} [{num.format(lo)}–{num.format(hi)}{unit}]"


def ratio_cell(e, l, by_round):
    if not e or not l:
        return "–"
    le = statistics.median(l)
    if le == 0:
        return "–"
    r = statistics.median(e) / le
    per = [x for x in by_round if x is not None]
    if len(per) > 1:
        return f"{r:.2f}× [{min(per):.2f}–{max(per):.2f}×]"
    return f"{r:.2f}×"


def report(runs):
    data = {}  # (part, system) -> {round: measures}
    size = None
    for name in sorted(os.listdir(runs)):
        d = os.path.join(runs, name)
        if not os.path.exists(f"{d}/meta.json"):
            continue
        meta = load(f"{d}/meta.json")
        size = meta["size"] if meta["part"] != "c" else size
        try:
            data.setdefault((meta["part"], meta["system"]), {})[meta["round"]] = measures(d, meta)
        except (OSError, KeyError, ValueError, TypeError, IndexError) as e:
            print(f"warning: {name}: {e!r}", file=sys.stderr)
    size_txt = f"{size / MIB:.0f} MiB" if size and size < (1 << 30) else f"{(size or 0) / (1 << 30):.0f} GiB"
    for part in "abc":
        rows = [r for r in ROWS if r[0] == part]
        e_runs, l_runs = data.get((part, "essaim"), {}), data.get((part, "libtorrent"), {})
        if not e_runs and not l_runs:
            continue
        n = max(len(e_runs), len(l_runs))
        print(f"\n### {TITLES[part].format(size=size_txt)} — {n} round{'s' if n != 1 else ''}, median [min–max]\n")
        print("| measure | libtorrent → libtorrent | essaim node → essaim get | essaim ÷ libtorrent (by round) |")
        print("|---|---|---|---|")
        for _, key, label, fmt, _better in rows:
            e = [r[key] for r in e_runs.values() if key in r]
            l = [r[key] for r in l_runs.values() if key in r]
            if not e and not l:
                continue
            per = [e_runs[k][key] / l_runs[k][key]
                   if k in l_runs and key in e_runs[k] and key in l_runs[k] and l_runs[k][key] else None
                   for k in e_runs]
            print(f"| {label} | {cell(l, fmt)} | {cell(e, fmt)} | {ratio_cell(e, l, per)} |")


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "run" and sys.argv[3] == "--":
        sys.exit(run(sys.argv[2], sys.argv[4:]))
    if len(sys.argv) == 3 and sys.argv[1] == "cpu":
        print(f"{cpu(int(sys.argv[2])):.2f}")
        return
    if len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
        return
    print(__doc__, file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    main()
