#!/usr/bin/python3
"""A libtorrent 2.0 peer for scripts/bench-vs-libtorrent.sh (Debian's
python3-libtorrent; run it with /usr/bin/python3).

  lt_peer.py tracker-ready URL INFOHASH...   wait until the tracker accepts
                                             announces of these torrents
  lt_peer.py seed TORRENT DIR --ip IP [--tracker URL]
      seed DIR/<file>: check it, announce, then print one JSON line
      {"ready": t, "port": p} and seed until SIGTERM or SIGINT; then
      print {"uploaded": bytes sent to peers}
  lt_peer.py get TORRENT DIR --ip IP [--tracker URL] [--peer IP:PORT] [--linger]
      download into DIR; print one JSON line when the torrent reaches the
      seeding state: {"started", "first_piece", "finished", "seeding"}
      (wall-clock seconds: when this process began, when the first piece
      passed its hash check, torrent_finished_alert, the seeding state),
      "bytes" (held) and "uploaded" (sent to peers so far);
      then exit, or with --linger seed on until SIGTERM or SIGINT

Every session is TCP only, on IP only: no uTP, DHT, local service
discovery, UPnP or NAT-PMP, no DHT bootstrap nodes, so that nothing leaves
the loopback addresses the caller gives. Torrents start at once rather
than queued (see add). Everything else keeps libtorrent's defaults.
"""
import time

STARTED = time.time()  # before importing libtorrent: its load is start-up too

import argparse
import json
import signal
import sys
import urllib.parse
import urllib.request

import libtorrent as lt


def session(ip):
    s = {
        "listen_interfaces": f"{ip}:0",
        "outgoing_interfaces": ip,
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_incoming_utp": False,
        "enable_outgoing_utp": False,
        "dht_bootstrap_nodes": "",
        "alert_mask": lt.alert_category.status
        | lt.alert_category.error
        | lt.alert_category.tracker
        | lt.alert_category.piece_progress
        | lt.alert_category.storage,
    }
    return lt.session(s)


def add(ses, torrent, save, tracker):
    p = lt.add_torrent_params()
    p.ti = lt.torrent_info(torrent)
    p.save_path = save
    # Started at once: by default a torrent is added paused and queued
    # ("auto managed"), and the queue starts it at its next tick, about a
    # second later; a benchmark of the transfer should not count that.
    p.flags &= ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)
    if tracker:
        p.trackers = [tracker]
    return ses.add_torrent(p)


def stop_on_signal():
    stop = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.append(True))
    return stop


def say(obj):
    print(json.dumps(obj), flush=True)


def fail(msg):
    print(f"lt_peer: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def alerts(ses, wait=0.1):
    """The pending alerts and the wall-clock time they were taken."""
    ses.wait_for_alert(int(wait * 1000))
    return time.time(), ses.pop_alerts()


def check_error(a):
    if isinstance(a, (lt.torrent_error_alert, lt.file_error_alert, lt.hash_failed_alert)):
        print(f"lt_peer: {a.what()}: {a.message()}", file=sys.stderr, flush=True)
        if not isinstance(a, lt.hash_failed_alert):
            sys.exit(1)


def seed(args):
    stop = stop_on_signal()
    ses = session(args.ip)
    h = add(ses, args.torrent, args.dir, args.tracker)
    seeding = announced = False
    deadline = time.time() + args.timeout
    while not stop:
        _, got = alerts(ses)
        for a in got:
            check_error(a)
            if isinstance(a, lt.state_changed_alert) and a.state == lt.torrent_status.seeding:
                seeding = True
            elif isinstance(a, lt.tracker_reply_alert):
                announced = True
            elif isinstance(a, lt.tracker_error_alert):
                print(f"lt_peer: tracker: {a.message()}", file=sys.stderr, flush=True)
        st = h.status()
        if st.state == lt.torrent_status.seeding:
            seeding = True
        if seeding and (announced or not args.tracker):
            say({"ready": time.time(), "port": ses.listen_port()})
            break
        if time.time() > deadline:
            fail(f"not ready after {args.timeout} s: state {st.state}, announced {announced}, "
                 f"{st.num_pieces} pieces of {h.torrent_file().num_pieces()}")
    while not stop:
        signal.pause()
    say({"uploaded": h.status().total_payload_upload})


def get(args):
    stop = stop_on_signal()
    ses = session(args.ip)
    h = add(ses, args.torrent, args.dir, args.tracker)
    if args.peer:
        ip, port = args.peer.rsplit(":", 1)
        h.connect_peer((ip, int(port)))
    out = {"started": STARTED, "first_piece": None, "finished": None, "seeding": None}
    deadline = time.time() + args.timeout
    while not stop and out["seeding"] is None:
        now, got = alerts(ses)
        for a in got:
            check_error(a)
            if isinstance(a, lt.piece_finished_alert) and out["first_piece"] is None:
                out["first_piece"] = now
            elif isinstance(a, lt.torrent_finished_alert) and out["finished"] is None:
                out["finished"] = now
            elif isinstance(a, lt.state_changed_alert) and a.state == lt.torrent_status.seeding:
                out["seeding"] = now
        if now > deadline:
            st = h.status()
            fail(f"not done after {args.timeout} s: state {st.state}, {st.num_pieces} pieces, {st.num_peers} peers")
    if stop:
        fail("stopped before the download finished")
    # A one-piece torrent may finish without a piece_finished_alert of
    # its own being seen first: its first piece is the whole torrent.
    if out["first_piece"] is None:
        out["first_piece"] = out["finished"] or out["seeding"]
    st = h.status()
    out["bytes"] = st.total_wanted_done
    out["uploaded"] = st.total_payload_upload
    say(out)
    if args.linger:
        while not stop:
            signal.pause()


def tracker_ready(args):
    """Announce each torrent with event=stopped (which adds no peer) until
    the tracker answers without a failure: opentracker reads its
    whitelist a moment after it starts listening."""
    deadline = time.time() + args.timeout
    for ih in args.infohash:
        q = urllib.parse.urlencode({
            "info_hash": bytes.fromhex(ih), "peer_id": b"-BENCHPROBE-00000000",
            "port": 9, "uploaded": 0, "downloaded": 0, "left": 0,
            "event": "stopped", "compact": 1, "numwant": 0,
        })
        while True:
            try:
                with urllib.request.urlopen(f"{args.url}?{q}", timeout=1) as r:
                    body = r.read()
                if b"failure" not in body:
                    break
                why = body
            except OSError as e:
                why = e
            if time.time() > deadline:
                fail(f"tracker {args.url} not ready for {ih}: {why!r}")
            time.sleep(0.05)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("tracker-ready")
    t.add_argument("url")
    t.add_argument("infohash", nargs="+")
    t.add_argument("--timeout", type=float, default=10)
    t.set_defaults(run=tracker_ready)
    for name, run in (("seed", seed), ("get", get)):
        p = sub.add_parser(name)
        p.add_argument("torrent")
        p.add_argument("dir")
        p.add_argument("--ip", required=True)
        p.add_argument("--tracker")
        p.add_argument("--timeout", type=float, default=120)
        p.set_defaults(run=run)
        if name == "get":
            p.add_argument("--peer", help="IP:PORT to connect to by hand (no tracker needed)")
            p.add_argument("--linger", action="store_true", help="seed on after finishing, until signalled")
    args = ap.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
