#!/usr/bin/env python3
"""Measures essaim across NATs in the network lab (driven by scripts/bench-nat.sh).

The lab (scripts/lab.sh, docs/LAB.md) is up; bin/essaim is built. Parts:
  pairs     for holder and downloader each in {public, eim, sym, fw}: ATTEMPTS
            one-off gets of a PAIR_MIB work (how many end on a direct connection,
            time to first byte from the process start), then TPUT_ATTEMPTS gets of a
            TPUT_MIB work (throughput against the narrowest link on the way)
  relay     one transfer of RELAY_MIB that only a relay can carry (symmetric NAT on
            both sides): the relay's CPU time and the bytes on its link
  crowd     CROWD homes behind NATs keeping ports (10 Mbit/s up, 50 down), each
            running `essaim node`, fetch a CROWD_MIB work from one seed in another
            such home, all at once: total time against the fluid bound
  loopback  get on 127.0.0.1 (inside one namespace): time to first byte
Prints markdown tables; every number comes from the processes' own output
(get --json) or from /proc and /sys.
"""
import datetime
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PREFIX = os.environ.get("ESSAIM_LAB_PREFIX", "ess-")
ESS = os.path.abspath("bin/essaim")
LAB = os.path.abspath("scripts/lab.sh")
CHAIN_IP = "11.0.1.2"
RPC = f"http://{CHAIN_IP}:8545"
ENV = os.environ
ATTEMPTS = int(ENV.get("ATTEMPTS", "20"))
PAIR_MIB = float(ENV.get("PAIR_MIB", "1"))
TPUT_ATTEMPTS = int(ENV.get("TPUT_ATTEMPTS", "3"))
TPUT_MIB = float(ENV.get("TPUT_MIB", "8"))
RELAY_MIB = float(ENV.get("RELAY_MIB", "32"))
CROWD = int(ENV.get("CROWD", "12"))
CROWD_MIB = float(ENV.get("CROWD_MIB", "32"))
# Downloader homes per kind, used in turn: libp2p's resource manager lets
# one IPv4 address open a new connection to a node every 5 s on average
# (bursts of 16), and a get opens one or two; one home per kind would run
# into that after some thirty gets.
GETTER_HOMES = int(ENV.get("GETTER_HOMES", "4"))
# CROWD_LISTEN=tcp: the crowd's nodes listen on TCP only (QUIC costs more
# CPU per byte, PROTOCOL.md §1).
CROWD_LISTEN = ["--listen", "/ip4/0.0.0.0/tcp/0"] if ENV.get("CROWD_LISTEN") == "tcp" else []
# Link rates of the lab (scripts/lab.sh), in bits per second.
RATES = {"public": (100e6, 100e6), "eim": (10e6, 50e6), "sym": (10e6, 50e6), "fw": (10e6, 50e6)}  # (up, down)
HOLDERS = [("pub1", "public"), ("eim1", "eim"), ("sym1", "sym"), ("fw1", "fw")]
GETTERS = [("pub2", "public"), ("eim2", "eim"), ("sym2", "sym"), ("fw2", "fw")]
DEV_KEY0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

random.seed(1)
SCRATCH = tempfile.mkdtemp(prefix="bench-nat.")
PROCS = []


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def die(msg):
    log("FAIL:", msg)
    sys.exit(1)


class Home:
    """An essaim home in a lab namespace."""

    def __init__(self, name, ns, key=None, boot=None):
        self.name, self.ns = name, ns
        self.dir = os.path.join(SCRATCH, name)
        self.home = os.path.join(self.dir, "home")
        os.makedirs(self.home, 0o700)
        pw = os.path.join(self.dir, "password")
        with open(pw, "w") as f:
            f.write("bench password\n")
        self.env = dict(ENV, ESSAIM_HOME=self.home, ESSAIM_RPC=RPC, ESSAIM_API="127.0.0.1:0",
                        ESSAIM_PASSWORD_FILE=pw, ESSAIM_LIGHTKDF="1")
        if boot:
            with open(os.path.join(self.home, "bootstrap"), "w") as f:
                f.write(boot + "\n")
        if key:
            kf = os.path.join(self.dir, "key")
            with open(kf, "w") as f:
                f.write(key + "\n")
            self.run("account", "import", "--private-key-file", kf)

    def argv(self, *args):
        return ["ip", "netns", "exec", PREFIX + self.ns, ESS, *args]

    def run(self, *args):
        p = subprocess.run(self.argv(*args), env=self.env, capture_output=True, text=True)
        if p.returncode != 0:
            die(f"essaim {' '.join(args)} in {self.ns}: exit {p.returncode}: {p.stderr[-2000:]}")
        return p.stdout

    def start(self, tag, *args):
        out = open(os.path.join(self.dir, tag + ".out"), "w")
        err = open(os.path.join(self.dir, tag + ".log"), "w")
        p = subprocess.Popen(self.argv(*args), env=self.env, stdout=out, stderr=err)
        p.outpath, p.errpath = out.name, err.name
        PROCS.append(p)
        return p

    def status(self):
        """The node's status, None while its API does not answer."""
        p = subprocess.run(self.argv("--json", "status"), env=self.env, capture_output=True, text=True)
        if p.returncode != 0:
            return None
        return json.loads(p.stdout).get("node")


def wait_for(what, within, cond, every=0.1):
    deadline = time.time() + within
    while True:
        v = cond()
        if v:
            return v
        if time.time() > deadline:
            die(f"timed out after {within}s waiting for {what}")
        time.sleep(every)


def read(path):
    with open(path) as f:
        return f.read()


def make_work(name, mib):
    d = os.path.join(SCRATCH, "works", name)
    os.makedirs(d)
    with open(os.path.join(d, "data.bin"), "wb") as f:
        f.write(os.urandom(int(mib * (1 << 20))))
    return d


def parse_time(s):
    # RFC 3339 with nanoseconds, UTC: keep microseconds.
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?Z$", s)
    base = datetime.datetime.fromisoformat(m.group(1)).replace(tzinfo=datetime.timezone.utc)
    frac = float(m.group(2) or 0)
    return base.timestamp() + frac


class Get:
    """One one-off `essaim get` of a link, timed from the process start."""

    def __init__(self, home, link, tag):
        self.home, self.link, self.tag = home, link, tag
        self.out = os.path.join(home.dir, tag + ".dir")

    def run(self):
        self.start = time.time()
        verbose = ["--verbose"] if ENV.get("VERBOSE") == "1" else []
        p = self.home.start(self.tag, "--json", "get", *verbose, "-o", self.out, self.link)
        self.rc = p.wait()
        self.end = time.time()
        self.res = json.loads(read(p.outpath)) if self.rc == 0 else None
        self.err = read(p.errpath)[-1500:] if self.rc != 0 else ""
        shutil.rmtree(self.out, ignore_errors=True)

    def ttfb(self):
        return parse_time(self.res["first_chunk_at"]) - self.start


def run_all(gets, tolerate=False):
    """Runs gets at once; a failure ends the benchmark unless tolerate, when
    it is logged and counted by the caller."""
    threads = [threading.Thread(target=g.run) for g in gets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for g in gets:
        if g.rc != 0:
            if not tolerate:
                die(f"get {g.tag} in {g.home.ns}: exit {g.rc}: {g.err}")
            log(f"   get {g.tag} in {g.home.ns} FAILED: exit {g.rc}: {g.err.strip().splitlines()[0][:300]}")


def setup():
    """The devnet, the relay, the creator's registrations, the holders."""
    chain = Home("chain", "chain")
    p = chain.start("devnet", "devnet", "--listen", CHAIN_IP, "--port", "8545", "--json")

    def up():
        try:
            return json.loads(read(p.outpath))
        except ValueError:
            return None
    wait_for("the devnet", 60, up)
    relay = Home("relay", "relay")
    rp = relay.start("node", "node", "--relay", "on", "--listen", "/ip4/0.0.0.0/tcp/4001",
                     "--listen", "/ip4/0.0.0.0/udp/4001/quic-v1")
    addrs = wait_for("the relay's addresses", 30,
                     lambda: os.path.exists(os.path.join(relay.home, "node.addrs")) and read(os.path.join(relay.home, "node.addrs")).split())
    boot = next(a for a in addrs if a.startswith("/ip4/11.0.2.2/tcp/"))
    creator = Home("creator", "chain", key=DEV_KEY0)
    # works[holder] lists what it serves: [pair work, throughput work, extra].
    works = {}
    for h, _ in HOLDERS:
        works[h] = [make_work(h + "-pair", PAIR_MIB), make_work(h + "-tput", TPUT_MIB)]
    works["sym1"].append(make_work("relay", RELAY_MIB))  # relay_cost
    works["eim1"].append(make_work("crowd", CROWD_MIB))  # crowd: eim1 seeds
    roots = {}
    for h, ws in works.items():
        for w in ws:
            reg = json.loads(creator.run("--json", "register", w, "--title", os.path.basename(w), "--open"))
            roots[w] = reg["work"]
    holders = {}
    for h, kind in HOLDERS:
        home = Home(h, h, boot=boot)
        args = ["node"]
        for w in works[h]:
            args += ["--serve", w]
        home.proc = home.start("node", *args)
        home.kind = kind
        holders[h] = home
    for h, home in holders.items():
        n = len(works[h])
        links = wait_for(h + "'s links", 90, lambda: (lambda m: m if len(m) == n else None)(
            re.findall(r"^link +(essaim:([0-9a-f]{64})\S*)$", read(home.proc.outpath), re.M)))
        home.links = {root: link for link, root in links}
        st = wait_for(h + "'s status", 30, home.status)
        home.peer = st["peer"]
        log(f"   {h}: reachability {st['reachability']}")
    return boot, relay, rp, holders, works, roots


def getter_homes(boot):
    """GETTER_HOMES homes (each with its own address) for each downloader
    kind: the standard lab's, then more added to the lab."""
    homes = {}
    for g, kind in GETTERS:
        homes[g] = [Home(g + "-get", g, boot=boot)]
        for i in range(1, GETTER_HOMES):
            ns = f"{g}x{i}"
            if kind == "public":
                subprocess.run([LAB, "public", ns], check=True)
            else:
                subprocess.run([LAB, "home", ns, kind], check=True)
            homes[g].append(Home(ns + "-get", ns, boot=boot))
    return homes


def pairs(boot, holders, works, roots):
    getters = getter_homes(boot)
    kinds = dict(GETTERS)
    rows = []
    results = {}
    for part, attempts, idx in (("pair", ATTEMPTS, 0), ("tput", TPUT_ATTEMPTS, 1)):
        for a in range(attempts):
            for r in range(len(HOLDERS)):
                batch = []
                for i, (g, _) in enumerate(GETTERS):
                    h = HOLDERS[(i + r) % len(HOLDERS)][0]
                    link = holders[h].links[roots[works[h][idx]]]
                    batch.append(Get(getters[g][a % GETTER_HOMES], link, f"{part}-{h}-{a}"))
                    batch[-1].holder, batch[-1].kind = h, g
                run_all(batch, tolerate=True)
                for gt in batch:
                    results.setdefault((part, gt.holder, gt.kind), []).append(gt)
            log(f"   {part}: attempt {a + 1}/{attempts} done")
    for h, hk in HOLDERS:
        for g, gk in GETTERS:
            tried = results[("pair", h, g)]
            ps = [x for x in tried if x.rc == 0]
            peer = holders[h].peer
            direct = sum(1 for x in ps if x.res["connections"].get(peer) == "direct")
            ttfb = sorted(x.ttfb() for x in ps)
            ts = [x for x in results[("tput", h, g)] if x.rc == 0]
            rate = statistics.median(x.res["size"] * 8 / (x.end - parse_time(x.res["first_chunk_at"])) for x in ts) if ts else 0
            link = min(RATES[hk][0], RATES[kinds[g]][1])
            relayed = sum(x.res.get("chunks_relayed", {}).get(peer, 0) for x in ts)  # throughput gets
            total = sum(x.res["chunks_from"].get(peer, 0) for x in ts)
            rows.append((h, hk, g, gk, len(ps), len(tried), direct, statistics.median(ttfb),
                         ttfb[math.ceil(0.9 * len(ttfb)) - 1], rate / 1e6, link / 1e6, relayed, total))
    print("\n### Across NATs: one-off gets, every pair\n")
    print(f"{ATTEMPTS} gets of a {PAIR_MIB:g} MiB work per pair (fresh identity each, from {GETTER_HOMES} homes of "
          f"the downloader's kind in turn), four pairs at a time, then {TPUT_ATTEMPTS} of {TPUT_MIB:g} MiB for "
          f"throughput. TTFB: from the get process's start to its first verified chunk.\n")
    print("| holder | downloader | completed | ended direct | TTFB median | TTFB p90 | throughput (Mbit/s) | "
          "link (Mbit/s) | of link | chunks relayed (throughput gets) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for h, hk, g, gk, ok, n, d, t50, t90, rate, link, rel, tot in rows:
        print(f"| {h} ({hk}) | {g} ({gk}) | {ok}/{n} | {d}/{ok} ({100 * d / max(ok, 1):.0f}%) | {t50:.2f} s | "
              f"{t90:.2f} s | {rate:.1f} | {link:.0f} | {rate / link:.2f} | {rel}/{tot} |")
    return getters


def cpu_seconds(pid):
    f = read(f"/proc/{pid}/stat").rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def iface_bytes(ns, dev="eth0"):
    def one(what):
        return int(subprocess.check_output(["ip", "netns", "exec", PREFIX + ns, "cat",
                                            f"/sys/class/net/{dev}/statistics/{what}_bytes"]))
    return one("rx"), one("tx")


def qdisc_stats(ns, dev="wan"):
    """Packets sent and dropped by the root qdisc (the link's shaper) of dev."""
    out = subprocess.check_output(["ip", "netns", "exec", PREFIX + ns, "tc", "-s", "qdisc", "show", "dev", dev,
                                   "root"], text=True)
    m = re.search(r"Sent \d+ bytes (\d+) pkt \(dropped (\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def relay_cost(relay_proc, getters, holders, works, roots):
    w = works["sym1"][2]
    link = holders["sym1"].links[roots[w]]
    # The relay node's CPU when it carries nothing (DHT, gossip, AutoNAT,
    # its peers' keep-alives), over 10 s, to subtract.
    idle0, t0 = cpu_seconds(relay_proc.pid), time.time()
    time.sleep(10)
    idle = (cpu_seconds(relay_proc.pid) - idle0) / (time.time() - t0)
    cpu0, (rx0, tx0), t0 = cpu_seconds(relay_proc.pid), iface_bytes("relay"), time.time()
    g = Get(getters["sym2"][0], link, "relay-cost")
    run_all([g])
    cpu1, (rx1, tx1) = cpu_seconds(relay_proc.pid) - idle * (time.time() - t0), iface_bytes("relay")
    peer = holders["sym1"].peer
    size = g.res["size"]
    secs = g.end - parse_time(g.res["first_chunk_at"])
    print("\n### What a relay spends carrying a transfer\n")
    print(f"One {RELAY_MIB:g} MiB get between two homes behind symmetric NATs (no hole punch possible): "
          f"{g.res['chunks_relayed'].get(peer, 0)}/{g.res['chunks_from'].get(peer, 0)} chunks relayed.\n")
    print(f"Relay CPU: the relay process's user + system time during the get, less its idle rate "
          f"({idle * 1000:.0f} ms/s, measured over 10 s before).\n")
    print("| work | time | relay CPU | CPU s per GiB | bytes in on the relay's link | out | overhead |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {size / 2**20:.0f} MiB | {secs:.1f} s ({size * 8 / secs / 1e6:.1f} Mbit/s) | {cpu1 - cpu0:.2f} s | "
          f"{(cpu1 - cpu0) / (size / 2**30):.2f} | {(rx1 - rx0) / 2**20:.1f} MiB | {(tx1 - tx0) / 2**20:.1f} MiB | "
          f"{(tx1 - tx0) / size - 1:+.1%} |")


def crowd(boot, holders, works, roots):
    homes = []
    for i in range(CROWD):
        name = f"crowd{i + 1}"
        subprocess.run([LAB, "home", name, "eim"], check=True)
        h = Home(name, name, boot=boot)
        if i == 0 and ENV.get("CROWD_PROFILE"):
            h.env["ESSAIM_CPU_PROFILE"] = ENV["CROWD_PROFILE"]
        if ENV.get("VERBOSE") == "1":
            h.env["ESSAIM_VERBOSE"] = "1"
        h.proc = h.start("node", "node", *CROWD_LISTEN)
        homes.append(h)

    def ready(h):
        st = h.status()
        return st and st["reachability"] == "private" and any("/p2p-circuit" in a for a in st["addrs"])
    for h in homes:
        wait_for(h.name + " behind a relay", 90, lambda: ready(h), every=0.5)
    w = works["eim1"][2]
    root = roots[w]
    size = os.path.getsize(os.path.join(w, "data.bin"))
    procs = {h.name: h.proc.pid for h in homes}
    procs.update(seed=holders["eim1"].proc.pid)
    cpu0 = {k: cpu_seconds(pid) for k, pid in procs.items()}
    seed_up0 = holders["eim1"].status()["up_bytes"]
    # Each home's uplink: the bytes its router sends to the internet.
    routers = {h.name: h.name + "-r" for h in homes}
    routers["seed"] = "eim1-r"
    up0 = {k: iface_bytes(r, "wan")[1] for k, r in routers.items()}
    q0 = {k: qdisc_stats(r) for k, r in routers.items()}
    start = time.time()
    ends = {}

    def one(h):
        out = os.path.join(h.dir, "crowd.dir")
        p = subprocess.run(h.argv("--json", "get", "-o", out, root), env=h.env, capture_output=True, text=True)
        ends[h.name] = (time.time(), p.returncode, p.stdout, p.stderr[-1500:])
    threads = [threading.Thread(target=one, args=(h,)) for h in homes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seed = holders["eim1"].peer
    from_seed = total = 0
    for name, (end, rc, out, err) in ends.items():
        if rc != 0:
            die(f"crowd get in {name}: exit {rc}: {err}")
        r = json.loads(out)
        from_seed += r["chunks_from"].get(seed, 0)
        total += sum(r["chunks_from"].values())
    elapsed = max(e[0] for e in ends.values()) - start
    seed_sent = holders["eim1"].status()["up_bytes"] - seed_up0
    cpu = {k: cpu_seconds(pid) - cpu0[k] for k, pid in procs.items()}
    busy = {k: (iface_bytes(r, "wan")[1] - up0[k]) * 8 / elapsed / RATES["eim"][0] for k, r in routers.items()}
    q = {k: tuple(b - a for a, b in zip(q0[k], qdisc_stats(r))) for k, r in routers.items()}
    u = RATES["eim"][0] / 8
    bound = max(size / u, CROWD * size / (u + CROWD * u))
    print("\n### Flash crowd behind NATs\n")
    print(f"{CROWD} homes behind NATs keeping ports (10 Mbit/s up, 50 down), each running `essaim node`; one seed "
          f"in another such home; `essaim get` in every home at once (handed to its node). Fluid bound "
          f"max(F/u_seed, N·F/(u_seed + N·u_peer)) with u = 10 Mbit/s.\n")
    print("| work | downloaders | all done | fluid bound | ratio | chunks from the seed |")
    print("|---|---|---|---|---|---|")
    print(f"| {size / 2**20:.0f} MiB | {CROWD} | {elapsed:.1f} s | {bound:.1f} s | {elapsed / bound:.2f}× | "
          f"{from_seed}/{total} ({from_seed / max(total, 1):.0%}) |")
    print(f"\nThe seed sent {seed_sent / 2**20:.1f} MiB of chunk frames ({seed_sent / size:.2f} copies of the work); "
          f"the crowd kept {from_seed} of its chunks ({from_seed / (size / 2**16):.2f} copies of 64 KiB chunks).")
    crowd_cpu = sum(v for k, v in cpu.items() if k != "seed")
    print(f"\nCPU time of the {CROWD} nodes together during the crowd: {crowd_cpu:.1f} s "
          f"({crowd_cpu / elapsed:.2f} cores on average), the seed {cpu['seed']:.1f} s; "
          f"the machine has {os.cpu_count()} cores.")
    homes_busy = sorted(v for k, v in busy.items() if k != "seed")
    print(f"\nUplinks used, bytes sent over the whole crowd against 10 Mbit/s (framing included): the seed "
          f"{busy['seed']:.0%}, the homes {homes_busy[0]:.0%}–{homes_busy[-1]:.0%} "
          f"(median {statistics.median(homes_busy):.0%}).")
    hq = [v for k, v in q.items() if k != "seed"]
    print(f"\nPackets dropped by the uplinks' shapers (queue full): the seed {q['seed'][1]} of "
          f"{q['seed'][0] + q['seed'][1]} ({q['seed'][1] / max(1, sum(q['seed'])):.1%}), the homes "
          f"{sum(d for _, d in hq)} of {sum(p + d for p, d in hq)} ({sum(d for _, d in hq) / max(1, sum(p + d for p, d in hq)):.1%}).")
    print("\nEach home, by the chunks it got from the seed: chunks from the seed, its uplink used, done after.\n")
    print("| home | from the seed | uplink used | done |\n|---|---|---|---|")
    rows = sorted(homes, key=lambda h: -json.loads(ends[h.name][2])["chunks_from"].get(seed, 0))
    for h in rows:
        got = json.loads(ends[h.name][2])["chunks_from"].get(seed, 0)
        print(f"| {h.name} | {got} | {busy[h.name]:.0%} | {ends[h.name][0] - start:.1f} s |")


def loopback(works, roots):
    # Both ends in one namespace, on 127.0.0.1: the get's start-up cost.
    holder = Home("loop-holder", "pub1")
    w = works["pub1"][0]
    p = holder.start("node", "node", "--listen", "/ip4/127.0.0.1/tcp/0", "--serve", w)
    addr = wait_for("the loopback holder", 30, lambda: os.path.exists(os.path.join(holder.home, "node.addrs")) and
                    read(os.path.join(holder.home, "node.addrs")).split()[0])
    getter = Home("loop-get", "pub1")
    ttfb = []
    for a in range(10):
        g = Get(getter, roots[w], f"loop-{a}")
        g.start = time.time()
        q = getter.start(g.tag, "--json", "get", "-o", g.out, "--listen", "/ip4/127.0.0.1/tcp/0", "--bootstrap", addr, roots[w])
        if q.wait() != 0:
            die("loopback get: " + read(q.errpath)[-1500:])
        g.res = json.loads(read(q.outpath))
        ttfb.append(g.ttfb())
        shutil.rmtree(g.out, ignore_errors=True)
    p.terminate()
    ttfb.sort()
    print("\n### get on loopback\n")
    print(f"| gets | TTFB median | min | max |\n|---|---|---|---|\n| 10 | {statistics.median(ttfb):.2f} s | "
          f"{ttfb[0]:.2f} s | {ttfb[-1]:.2f} s |")


def main():
    parts = sys.argv[1:] or ["pairs", "relay", "crowd", "loopback"]
    try:
        log("== setting up: devnet, relay, works, holders")
        boot, relay, rp, holders, works, roots = setup()
        getters = None
        if "pairs" in parts or "relay" in parts:
            if "pairs" in parts:
                log("== pairs")
                getters = pairs(boot, holders, works, roots)
            else:
                getters = {g: [Home(g + "-get", g, boot=boot)] for g, _ in GETTERS}
        if "relay" in parts:
            log("== relay")
            relay_cost(rp, getters, holders, works, roots)
        if "loopback" in parts:
            log("== loopback")
            loopback(works, roots)
        if "crowd" in parts:
            log("== crowd")
            crowd(boot, holders, works, roots)
    finally:
        for p in PROCS:
            if p.poll() is None:
                p.terminate()
        for p in PROCS:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        if ENV.get("KEEP") == "1":
            log("scratch kept in", SCRATCH)
        else:
            shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
