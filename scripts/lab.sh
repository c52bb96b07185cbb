#!/usr/bin/env bash
# A network lab of Linux network namespaces: an "internet" router, public
# hosts on it, and homes behind routers of several kinds (NAT that keeps
# ports, NAT that randomises them, a firewall that drops unsolicited
# inbound). Needs root, iproute2 and nftables. Nothing in the lab is linked
# to the machine's own network namespace: its traffic stays between the
# namespaces it made. docs/LAB.md describes the topology and why its
# addresses are what they are.
#
#   scripts/lab.sh up                 remove any leftover lab, create the standard one
#   scripts/lab.sh down               stop what runs in the lab and remove all of it
#   scripts/lab.sh exec NS CMD...     run CMD in namespace NS (relay, eim1, eim1-r...)
#   scripts/lab.sh home NAME KIND [UP DOWN]
#                                     add a home of KIND eim|sym|fw (default 10mbit up,
#                                     50mbit down) with one host, NAME, behind router NAME-r
#   scripts/lab.sh public NAME [RATE] add a public host (default 100mbit each way)
#   scripts/lab.sh loss NS PERCENT    drop PERCENT% of the packets NS sends and receives
#                                     on its outside link, at random (0: none)
#   scripts/lab.sh addr NS            print the address NS uses on its outside link
#   scripts/lab.sh ls                 list the lab's namespaces and addresses
#   scripts/lab.sh check              show that each router kind behaves as it should
#   scripts/lab.sh run-tests          up, the lab's Go tests (go test -tags lab), down
#
# Environment: ESSAIM_LAB_PREFIX (default "ess-") names every namespace, so that
# two labs can run on one machine and a crashed run's leftovers are found.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${ESSAIM_LAB_PREFIX:-ess-}
inet=${prefix}inet

die() { echo "lab: $*" >&2; exit 1; }
ns() { ip netns exec "$@"; }

# The standard lab: slot numbers fix each namespace's addresses (docs/LAB.md).
#   name   slot  kind
standard=(
  "chain   1  public-unlimited"
  "relay   2  public"
  "pub1    3  public"
  "pub2    4  public"
  "eim1   11  eim"
  "eim2   12  eim"
  "sym1   21  sym"
  "sym2   22  sym"
  "fw1    31  fw"
  "fw2    32  fw"
)

need_root() {
  [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces, nftables, tc)"
  command -v ip >/dev/null || die "needs iproute2 (apt-get install iproute2)"
  command -v nft >/dev/null || die "needs nftables (apt-get install nftables)"
}

# lab_namespaces lists the namespaces of this lab (its prefix).
lab_namespaces() {
  ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${prefix}" | sort || true
}

# new_ns NAME creates namespace NAME with loopback up.
new_ns() {
  ip netns add "$1"
  ns "$1" ip link set lo up
}

# shape NS IF RATE: rate-limit what NS sends on IF (htb), with a byte FIFO of
# about 80 ms at that rate, so a full link queues no more than a home router.
shape() {
  local n=$1 dev=$2 rate=$3 bits limit
  [ "$rate" = unlimited ] && return 0
  bits=$(rate_bits "$rate")
  limit=$((bits / 8 * 80 / 1000))
  [ "$limit" -lt 30000 ] && limit=30000
  ns "$n" tc qdisc replace dev "$dev" root handle 1: htb default 1
  ns "$n" tc class replace dev "$dev" parent 1: classid 1:1 htb rate "$rate" ceil "$rate" quantum 60000
  ns "$n" tc qdisc replace dev "$dev" parent 1:1 handle 10: bfifo limit "$limit"
}

# rate_bits RATE: 10mbit -> 10000000.
rate_bits() {
  local r=$1
  case "$r" in
    *gbit) echo $((${r%gbit} * 1000000000)) ;;
    *mbit) echo $((${r%mbit} * 1000000)) ;;
    *kbit) echo $((${r%kbit} * 1000)) ;;
    *) die "rate $r: want a number followed by kbit, mbit or gbit" ;;
  esac
}

# attach NS IF SLOT: a veth from the internet router (x<slot>) to IF in NS,
# 11.0.<slot>.0/24, the router .1, NS .2 with its default route through it.
attach() {
  local n=$1 dev=$2 slot=$3
  ip link add "x$slot" netns "$inet" type veth peer name "$dev" netns "$n"
  ns "$inet" ip addr add "11.0.$slot.1/24" dev "x$slot"
  ns "$inet" ip link set "x$slot" up
  ns "$n" ip addr add "11.0.$slot.2/24" dev "$dev"
  ns "$n" ip link set "$dev" up
  ns "$n" ip route add default via "11.0.$slot.1"
}

up_inet() {
  new_ns "$inet"
  ns "$inet" sysctl -qw net.ipv4.ip_forward=1
}

# add_public NAME SLOT [RATE]: a host on the internet with a public address.
add_public() {
  local name=$1 slot=$2 rate=${3:-100mbit}
  local n=$prefix$name
  new_ns "$n"
  attach "$n" eth0 "$slot"
  shape "$n" eth0 "$rate"
  shape "$inet" "x$slot" "$rate"
}

# add_home NAME SLOT KIND [UP DOWN]: router NAME-r on the internet, host NAME
# on its LAN.
add_home() {
  local name=$1 slot=$2 kind=$3 up=${4:-10mbit} down=${5:-50mbit}
  local r=$prefix$name-r h=$prefix$name lan gw
  new_ns "$r"
  new_ns "$h"
  attach "$r" wan "$slot"
  ns "$r" sysctl -qw net.ipv4.ip_forward=1
  if [ "$kind" = fw ]; then
    # No translation: the host has a public address, routed by the internet
    # router to this router.
    lan=11.1.$slot
    ns "$inet" ip route add "$lan.0/24" via "11.0.$slot.2"
  else
    lan=192.168.$slot
  fi
  gw=$lan.1
  ip link add lan netns "$r" type veth peer name eth0 netns "$h"
  ns "$r" ip addr add "$gw/24" dev lan
  ns "$r" ip link set lan up
  ns "$h" ip addr add "$lan.2/24" dev eth0
  ns "$h" ip link set eth0 up
  ns "$h" ip route add default via "$gw"
  router_rules "$r" "$kind"
  shape "$r" wan "$up"
  shape "$inet" "x$slot" "$down"
}

# router_rules NS KIND: what a home router does with packets.
# Every kind drops unsolicited inbound packets, as home routers do (no RST,
# no ICMP: a hole punch must not be answered with a refusal); they differ in
# how they map the LAN's connections:
#   eim  masquerade keeping the source port when it is free: one mapping per
#        LAN socket whatever the destination (endpoint-independent mapping),
#        inbound accepted only from where the socket sent (port-restricted)
#   sym  masquerade with a random port per connection (address-and-port-
#        dependent mapping, a "symmetric" NAT): the port a peer observed is
#        not the one used towards the next peer
#   fw   no translation at all (the LAN has public addresses), a stateful
#        firewall: only replies to what the LAN sent come in
router_rules() {
  local r=$1 kind=$2 nat
  case "$kind" in
    eim) nat="oifname \"wan\" masquerade" ;;
    sym) nat="oifname \"wan\" masquerade random,fully-random" ;;
    fw) nat="" ;;
    *) die "router kind $kind: want eim, sym or fw" ;;
  esac
  ns "$r" nft -f - <<EOF
table inet home {
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "wan" ct state established,related accept
    iifname "wan" drop
  }
  chain forward {
    type filter hook forward priority filter; policy drop;
    ct state established,related accept
    iifname "lan" accept
  }
}
EOF
  if [ -n "$nat" ]; then
    ns "$r" nft -f - <<EOF
table ip nat {
  chain post {
    type nat hook postrouting priority srcnat;
    $nat
  }
}
EOF
  fi
}

# outside_if NS: the namespace and interface of NS's outside link (a home
# host's is its router's WAN).
outside() {
  local n=$prefix${1#"$prefix"}
  if ip netns list | awk '{print $1}' | grep -qx "$n-r"; then
    echo "$n-r wan"
  else
    echo "$n eth0"
  fi
}

cmd_loss() {
  local name=$1 pct=$2 n dev
  [[ "$pct" =~ ^[0-9]+$ ]] && [ "$pct" -le 100 ] || die "loss: $pct is not a percentage"
  read -r n dev < <(outside "$name")
  ns "$n" nft delete table inet loss 2>/dev/null || true
  [ "$pct" -eq 0 ] && return 0
  ns "$n" nft -f - <<EOF
table inet loss {
  chain in {
    type filter hook prerouting priority raw; policy accept;
    iifname "$dev" numgen random mod 100 < $pct drop
  }
  chain out {
    type filter hook postrouting priority raw; policy accept;
    oifname "$dev" numgen random mod 100 < $pct drop
  }
}
EOF
}

cmd_addr() {
  local n=$prefix${1#"$prefix"}
  ns "$n" ip -4 -o addr show dev eth0 | awk '{split($4, a, "/"); print a[1]}'
}

cmd_down() {
  local n p
  for n in $(lab_namespaces); do
    for p in $(ip netns pids "$n" 2>/dev/null); do kill -TERM "$p" 2>/dev/null || true; done
  done
  for n in $(lab_namespaces); do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [ -z "$(ip netns pids "$n" 2>/dev/null)" ] && break
      sleep 0.2
    done
    for p in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    # Deleting a namespace deletes its interfaces, and with them the other
    # end of every veth pair.
    ip netns del "$n"
  done
}

cmd_up() {
  cmd_down
  up_inet
  local line name slot kind
  for line in "${standard[@]}"; do
    read -r name slot kind <<<"$line"
    case "$kind" in
      public) add_public "$name" "$slot" ;;
      public-unlimited) add_public "$name" "$slot" unlimited ;;
      *) add_home "$name" "$slot" "$kind" ;;
    esac
  done
}

# next_slot: the lowest free slot from 100 up, for homes and hosts added later.
next_slot() {
  local s=100
  while ns "$inet" ip link show "x$s" >/dev/null 2>&1; do s=$((s + 1)); done
  [ "$s" -le 250 ] || die "no free slot"
  echo "$s"
}

cmd_ls() {
  local n
  for n in $(lab_namespaces); do
    printf '%-16s %s\n' "$n" "$(ns "$n" ip -4 -o addr show scope global | awk '{printf "%s:%s ", $2, $4}')"
  done
}

# cmd_check shows, with a UDP and a TCP listener in one home, what each kind
# of router lets through: a reply to what the host sent (all kinds), an
# unsolicited packet (none), and the port the far side observes (kept by eim,
# changed by sym, the host's own by fw).
cmd_check() {
  command -v python3 >/dev/null || die "check needs python3"
  local kind obs1 obs2
  for kind in eim sym fw; do
    local h=${prefix}${kind}1
    # Two sends from one socket to two public hosts: does the port change?
    ip netns exec "${prefix}pub1" python3 scripts/labnet.py echo-udp 11.0.3.2 7001 &
    local e1=$!
    ip netns exec "${prefix}pub2" python3 scripts/labnet.py echo-udp 11.0.4.2 7001 &
    local e2=$!
    sleep 0.3 # the echoes bind
    read -r obs1 obs2 < <(ns "$h" python3 scripts/labnet.py probe-udp 11.0.3.2 7001 11.0.4.2 7001)
    wait "$e1" "$e2" || true
    local unsolicited
    unsolicited=$(ns "${prefix}pub1" python3 scripts/labnet.py unsolicited-tcp "$(ns "$h" ip -4 -o addr show dev eth0 | awk '{split($4,a,"/"); print a[1]}')" "${obs1##*:}" "${obs1%:*}")
    printf '%-4s seen by pub1 %-18s by pub2 %-18s  unsolicited TCP from pub1: %s\n' "$kind" "$obs1" "$obs2" "$unsolicited"
  done
}

cmd_run_tests() {
  need_root
  trap cmd_down EXIT
  cmd_up
  go build -o bin/essaim ./cmd/essaim
  go vet -tags lab ./cmd/essaim
  ESSAIM_LAB_PREFIX=$prefix go test -count=1 -tags lab -run '^TestLab' -timeout 15m -v ./cmd/essaim
}

main() {
  local c=${1:-}
  [ -n "$c" ] || die "usage: scripts/lab.sh up|down|exec NS CMD...|home NAME KIND [UP DOWN]|public NAME [RATE]|loss NS PERCENT|addr NS|ls|check|run-tests"
  shift
  need_root
  case "$c" in
    up) cmd_up ;;
    down) cmd_down ;;
    exec)
      [ $# -ge 2 ] || die "exec NS CMD..."
      local n=$prefix${1#"$prefix"}
      shift
      exec ip netns exec "$n" "$@"
      ;;
    home)
      [ $# -ge 2 ] || die "home NAME KIND [UP DOWN]"
      add_home "$1" "$(next_slot)" "$2" "${3:-10mbit}" "${4:-50mbit}"
      ;;
    public)
      [ $# -ge 1 ] || die "public NAME [RATE]"
      add_public "$1" "$(next_slot)" "${2:-100mbit}"
      ;;
    loss) [ $# -eq 2 ] || die "loss NS PERCENT"; cmd_loss "$1" "$2" ;;
    addr) [ $# -eq 1 ] || die "addr NS"; cmd_addr "$1" ;;
    ls) cmd_ls ;;
    check) cmd_check ;;
    run-tests) cmd_run_tests ;;
    *) die "unknown command $c" ;;
  esac
}

main "$@"
