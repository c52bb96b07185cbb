#!/usr/bin/env python3
"""Small network probes for scripts/lab.sh check (run inside lab namespaces).

  echo-udp IP PORT            answer one datagram with the sender's ip:port (waits 5 s at most)
  probe-udp IP1 P1 IP2 P2     from one socket, ask both echoes; print what each saw
  unsolicited-tcp HOST PORT OBSERVED
                              connect to PORT at OBSERVED (or at HOST when HOST
                              is public) without being asked; print what happened
"""
import ipaddress
import socket
import sys


def echo_udp(ip, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ip, int(port)))
    s.settimeout(5)
    try:
        _, addr = s.recvfrom(64)
    except socket.timeout:
        return
    s.sendto(f"{addr[0]}:{addr[1]}".encode(), addr)


def probe_udp(ip1, p1, ip2, p2):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 0))
    s.settimeout(2)
    seen = []
    for ip, port in ((ip1, p1), (ip2, p2)):
        s.sendto(b"?", (ip, int(port)))
        try:
            seen.append(s.recvfrom(64)[0].decode())
        except socket.timeout:
            seen.append("no-answer")
    print(" ".join(seen))


def unsolicited_tcp(host, port, observed):
    target = observed
    if not ipaddress.ip_address(host).is_private:
        target = host
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.settimeout(1)
    try:
        c.connect((target, int(port)))
        print(f"connected to {target}:{port}")
    except socket.timeout:
        print(f"dropped ({target}:{port}, no answer in 1 s)")
    except ConnectionRefusedError:
        print(f"refused ({target}:{port})")
    except OSError as e:
        print(f"{e.strerror} ({target}:{port})")


def main():
    cmds = {"echo-udp": echo_udp, "probe-udp": probe_udp, "unsolicited-tcp": unsolicited_tcp}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])


if __name__ == "__main__":
    main()
