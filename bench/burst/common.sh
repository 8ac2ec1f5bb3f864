# Shared by bench/burst/*.sh: the burst's inventory and the kernel's counters. Source it; it defines functions only.

# burst_inventory FILE N: N NX-OS devices (leaf00001 / BRST00001, ...) with management addresses
burst_inventory() {
  python3 - "$1" "$2" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("hostname,serial,mac,platform,mgmt_address,mgmt_gateway\n")
    for i in range(n):
        f.write("leaf%05d,BRST%05d,,nxos,10.%d.%d.%d/16,10.%d.255.254\n" % (i + 1, i + 1, 20 + i // 60000, i // 250 % 240, i % 250 + 1, 20 + i // 60000))
PY
}

# net_counter FILE LINE NAME: a field of a /proc/net counter line ("Udp:" in /proc/net/snmp,
# "TcpExt:" in /proc/net/netstat), for the whole machine
net_counter() {
  awk -v line="$2" -v name="$3" '$1 == line { if (!n) { for (i = 2; i <= NF; i++) col[$i] = i; n = 1 } else print $col[name] }' "$1"
}
