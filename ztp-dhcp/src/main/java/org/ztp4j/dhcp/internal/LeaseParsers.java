package org.ztp4j.dhcp.internal;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.Ipv4;
import org.ztp4j.core.Lease;
import org.ztp4j.core.MacAddress;

/**
 * Parsers for the lease files of ISC dhcpd, Kea (memfile CSV) and dnsmasq. Each returns the active
 * IPv4 leases by address; for ISC and Kea, whose files are journals, the last entry for an address
 * wins and a non-active last entry removes it. Unusable entries are skipped with a warning naming
 * the file and line.
 */
public final class LeaseParsers {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseParsers.class);
    private static final DateTimeFormatter ISC_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);
    private static final Pattern ISC_LEASE = Pattern.compile("lease\\s+(\\S+)\\s*\\{\\s*");

    private LeaseParsers() {
    }

    /**
     * Reads an ISC dhcpd leases file: {@code lease A { starts ...; ends ...; binding state ...;
     * hardware ethernet ...; uid ...; client-hostname "..."; }}. Times are UTC ({@code ends 3
     * 2026/11/25 10:00:00;}) or epoch ({@code ends epoch 1764064800;}); {@code ends never;} never
     * expires.
     *
     * @param lines  the file's lines
     * @param source the file name for warnings
     * @return active leases by address
     */
    public static Map<InetAddress, Lease> isc(List<String> lines, String source) {
        Map<InetAddress, Lease> leases = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            int lineNo = i + 1;
            i++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = ISC_LEASE.matcher(line);
            if (!m.matches()) {
                if (line.endsWith("{")) {
                    if (line.startsWith("ia-")) {
                        LOG.warn("{}:{}: IPv6 lease block skipped: {}", source, lineNo, line);
                    }
                    i = skipBlock(lines, i);
                } else if (!line.endsWith(";")) {
                    LOG.warn("{}:{}: not a lease file statement, skipped: {}", source, lineNo, line);
                }
                continue;
            }
            int end = skipBlock(lines, i);
            List<String> body = lines.subList(i, Math.max(i, end - 1));
            i = end;
            Inet4Address address;
            try {
                address = Ipv4.parse("lease", m.group(1));
            } catch (IllegalArgumentException e) {
                LOG.warn("{}:{}: lease address '{}' is not IPv4, skipped", source, lineNo, m.group(1));
                continue;
            }
            try {
                Lease lease = iscLease(address, body);
                if (lease == null) {
                    leases.remove(address);
                } else {
                    leases.remove(address);
                    leases.put(address, lease);
                }
            } catch (RuntimeException e) {
                LOG.warn("{}:{}: lease {} skipped: {}", source, lineNo, address.getHostAddress(), e.getMessage());
            }
        }
        return leases;
    }

    /** @return the index after the block's closing brace (depth counted outside quotes) */
    private static int skipBlock(List<String> lines, int from) {
        int depth = 1;
        int i = from;
        while (i < lines.size() && depth > 0) {
            String l = lines.get(i);
            boolean quoted = false;
            for (int k = 0; k < l.length(); k++) {
                char c = l.charAt(k);
                if (c == '\\' && quoted) {
                    k++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '{') {
                    depth++;
                } else if (!quoted && c == '}') {
                    depth--;
                }
            }
            i++;
        }
        return i;
    }

    private static Lease iscLease(Inet4Address address, List<String> body) {
        String state = null;
        Instant ends = null;
        MacAddress mac = null;
        String clientId = null;
        String hostname = null;
        for (String raw : body) {
            String s = raw.strip();
            int semicolon = s.lastIndexOf(';');
            if (semicolon >= 0) {
                s = s.substring(0, semicolon).strip(); // drops "; # comment" too
            }
            if (s.startsWith("binding state ")) {
                state = s.substring("binding state ".length()).strip();
            } else if (s.startsWith("ends ")) {
                ends = iscTime(s.substring(5).strip());
            } else if (s.startsWith("hardware ethernet ")) {
                mac = MacAddress.parse(s.substring("hardware ethernet ".length()));
            } else if (s.startsWith("uid ")) {
                clientId = HexFormat.of().formatHex(iscData(s.substring(4).strip()));
            } else if (s.startsWith("client-hostname ")) {
                hostname = new String(iscData(s.substring("client-hostname ".length()).strip()), StandardCharsets.ISO_8859_1);
            }
        }
        if (state != null && !state.equals("active")) {
            return null;
        }
        return new Lease(address, mac, hostname, clientId, ends);
    }

    private static Instant iscTime(String t) {
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash).strip();
        }
        if (t.equals("never")) {
            return null;
        }
        if (t.startsWith("epoch ")) {
            return Instant.ofEpochSecond(Long.parseLong(t.substring(6).strip()));
        }
        // "W YYYY/MM/DD HH:MM:SS", W the weekday number; UTC
        String[] parts = t.split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("time '" + t + "' is not 'W YYYY/MM/DD HH:MM:SS'");
        }
        try {
            return LocalDateTime.parse(parts[1].replace(";", ""), ISC_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + t + "' is not 'W YYYY/MM/DD HH:MM:SS'");
        }
    }

    /** ISC writes data as a quoted string with octal escapes, or as colon-separated hex. */
    private static byte[] iscData(String v) {
        if (v.startsWith("\"")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int end = v.lastIndexOf('"');
            if (end <= 0) {
                throw new IllegalArgumentException("unterminated string " + v);
            }
            for (int k = 1; k < end; k++) {
                char c = v.charAt(k);
                if (c == '\\' && k + 1 < end) {
                    char n = v.charAt(k + 1);
                    if (n >= '0' && n <= '7' && k + 3 < end + 1 && v.substring(k + 1, Math.min(k + 4, end)).matches("[0-7]{3}")) {
                        out.write(Integer.parseInt(v.substring(k + 1, k + 4), 8));
                        k += 3;
                    } else {
                        out.write(n);
                        k++;
                    }
                } else {
                    out.write(c);
                }
            }
            return out.toByteArray();
        }
        String[] parts = v.split(":");
        byte[] b = new byte[parts.length];
        for (int k = 0; k < parts.length; k++) {
            b[k] = (byte) Integer.parseInt(parts[k], 16);
        }
        return b;
    }

    /**
     * Reads a Kea memfile CSV ({@code address,hwaddr,client_id,valid_lifetime,expire,subnet_id,
     * fqdn_fwd,fqdn_rev,hostname,state,...}). Columns are found by the header. A row with state other
     * than 0 (default) or a valid lifetime of 0 (Kea's mark of a deleted lease) removes the address.
     *
     * @param lines  the file's lines
     * @param source the file name for warnings
     * @return active leases by address
     */
    public static Map<InetAddress, Lease> kea(List<String> lines, String source) {
        Map<InetAddress, Lease> leases = new LinkedHashMap<>();
        Map<String, Integer> col = null;
        int needed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (col == null) {
                if (!line.startsWith("address,")) {
                    LOG.warn("{}:{}: no Kea lease file header (address,hwaddr,...), file skipped", source, lineNo);
                    return leases;
                }
                col = new HashMap<>();
                for (int k = 0; k < f.length; k++) {
                    col.put(f[k].strip(), k);
                }
                for (String need : List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire", "hostname", "state")) {
                    if (!col.containsKey(need)) {
                        LOG.warn("{}:{}: Kea lease file header lacks column '{}', file skipped", source, lineNo, need);
                        return leases;
                    }
                    needed = Math.max(needed, col.get(need) + 1);
                }
                continue;
            }
            if (line.startsWith("address,")) {
                continue; // header repeated after a lease file cleanup
            }
            if (f.length < needed) {
                LOG.warn("{}:{}: {} fields where the header names {}, skipped", source, lineNo, f.length, col.size());
                continue;
            }
            Inet4Address address;
            try {
                address = Ipv4.parse("lease", f[col.get("address")]);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}:{}: lease address '{}' is not IPv4, skipped", source, lineNo, f[col.get("address")]);
                continue;
            }
            try {
                long lifetime = Long.parseLong(f[col.get("valid_lifetime")].strip());
                long expire = Long.parseLong(f[col.get("expire")].strip());
                String stateText = f[col.get("state")].strip();
                int state = stateText.isEmpty() ? 0 : Integer.parseInt(stateText);
                if (state != 0 || lifetime == 0) {
                    leases.remove(address);
                    continue;
                }
                String hw = f[col.get("hwaddr")].strip();
                String cid = f[col.get("client_id")].strip();
                String host = unescapeKea(f[col.get("hostname")].strip());
                Lease lease = new Lease(address, hw.isEmpty() ? null : MacAddress.parse(hw), host.isEmpty() ? null : host,
                        cid.isEmpty() ? null : cid.replace(":", "").toLowerCase(Locale.ROOT),
                        lifetime == 0xFFFF_FFFFL ? null : Instant.ofEpochSecond(expire));
                leases.remove(address);
                leases.put(address, lease);
            } catch (IllegalArgumentException | DateTimeException e) {
                LOG.warn("{}:{}: lease {} skipped: {}", source, lineNo, address.getHostAddress(), e.getMessage());
            }
        }
        return leases;
    }

    /** Kea escapes commas in host names as {@code &#x2c}. */
    private static String unescapeKea(String s) {
        return s.replace("&#x2c", ",");
    }

    /**
     * Reads a dnsmasq leases file: {@code expiry mac ip hostname clientid} per line, expiry in epoch
     * seconds (0 = never), {@code *} for an unknown host name or client id. The {@code duid} line and
     * IPv6 leases are skipped (the latter with a warning).
     *
     * @param lines  the file's lines
     * @param source the file name for warnings
     * @return leases by address
     */
    public static Map<InetAddress, Lease> dnsmasq(List<String> lines, String source) {
        Map<InetAddress, Lease> leases = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("duid ")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 4) {
                LOG.warn("{}:{}: expected 'expiry mac ip hostname [clientid]', skipped: {}", source, lineNo, line);
                continue;
            }
            Inet4Address address;
            try {
                address = Ipv4.parse("lease", f[2]);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}:{}: lease address '{}' is not IPv4, skipped", source, lineNo, f[2]);
                continue;
            }
            try {
                long expiry = Long.parseLong(f[0]);
                MacAddress mac = f[1].equals("*") ? null : MacAddress.parse(f[1]);
                String host = f[3].equals("*") ? null : f[3];
                String cid = f.length > 4 && !f[4].equals("*") ? f[4].replace(":", "").toLowerCase(Locale.ROOT) : null;
                leases.put(address, new Lease(address, mac, host, cid, expiry == 0 ? null : Instant.ofEpochSecond(expiry)));
            } catch (IllegalArgumentException | DateTimeException e) {
                LOG.warn("{}:{}: lease {} skipped: {}", source, lineNo, address.getHostAddress(), e.getMessage());
            }
        }
        return leases;
    }
}
