package org.ztp4j.server.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names the status page and its API answer to, so that DNS rebinding cannot reach them:
 * a page at {@code evil.example} whose name is made to resolve to this server still sends
 * {@code Host: evil.example}, which is not on the list. Address literals match by address
 * ({@code ::1} is {@code 0:0:0:0:0:0:0:1}); names match without case and without one trailing dot;
 * a name is never looked up.
 *
 * <pre>{@code
 * AllowedHosts hosts = AllowedHosts.forServer(bind, advertise, List.of("ztp.example.net"));
 * hosts.permits("ztp.example.net:8080");   // true
 * hosts.permits("evil.example");           // false
 * }</pre>
 */
public final class AllowedHosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names;
    private final Set<InetAddress> addresses;
    private final boolean loopback;

    private AllowedHosts(Set<String> names, Set<InetAddress> addresses, boolean loopback) {
        this.names = Collections.unmodifiableSet(names);
        this.addresses = Collections.unmodifiableSet(addresses);
        this.loopback = loopback;
    }

    /**
     * The names a server answers to: its bind address (every address of this machine when it is the
     * wildcard), the advertised address, {@code localhost} and every loopback address when bound to
     * loopback or the wildcard, this machine's host name, and the names given.
     *
     * @param bind      where the server listens
     * @param advertise the address devices reach it at, or {@code null}
     * @param extra     more names or literals the server is reached by (a DNS name of its own)
     * @return the allowed hosts
     * @throws IllegalArgumentException when an extra name is blank or has a character no host name has
     */
    public static AllowedHosts forServer(InetAddress bind, InetAddress advertise, Collection<String> extra) {
        Objects.requireNonNull(bind, "bind");
        Set<String> names = new LinkedHashSet<>();
        Set<InetAddress> addresses = new LinkedHashSet<>();
        boolean loopback = bind.isLoopbackAddress() || bind.isAnyLocalAddress();
        if (bind.isAnyLocalAddress()) {
            addresses.addAll(machineAddresses());
        } else {
            addresses.add(bind);
        }
        if (advertise != null) {
            addresses.add(advertise);
        }
        if (loopback) {
            names.add("localhost");
        }
        names.addAll(machineNames());
        for (String e : extra) {
            add(e, names, addresses);
        }
        return new AllowedHosts(names, addresses, loopback);
    }

    /**
     * Every name this machine answers to: its loopback and interface addresses, {@code localhost}
     * and its host name. What a status page built without a server's settings allows.
     *
     * @return the allowed hosts
     */
    public static AllowedHosts localMachine() {
        return forServer(anyLocal(), null, Set.of());
    }

    /**
     * @param more names or literals to allow as well
     * @return a copy allowing them too
     */
    public AllowedHosts plus(Collection<String> more) {
        Set<String> n = new LinkedHashSet<>(names);
        Set<InetAddress> a = new LinkedHashSet<>(addresses);
        for (String e : more) {
            add(e, n, a);
        }
        return new AllowedHosts(n, a, loopback);
    }

    /**
     * @param host a {@code Host} header's value ({@code name}, {@code name:port}, {@code [v6]:port})
     *             or a URL's host
     * @return whether it names this server
     */
    public boolean permits(String host) {
        if (host == null) {
            return false;
        }
        String h = hostPart(host.strip()).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return false;
        }
        InetAddress literal = literal(h);
        if (literal != null) {
            return addresses.contains(literal) || loopback && literal.isLoopbackAddress();
        }
        return names.contains(h);
    }

    /** @return the names allowed (lower case), without the address literals */
    public Set<String> names() {
        return names;
    }

    /** @return the address literals allowed (loopback ones are allowed besides when bound to loopback or the wildcard) */
    public Set<InetAddress> addresses() {
        return addresses;
    }

    /**
     * @param hostHeader {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}
     * @return the host without the port and brackets
     */
    static String hostPart(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            return close < 0 ? "" : hostHeader.substring(1, close);
        }
        int colon = hostHeader.indexOf(':');
        if (colon >= 0 && hostHeader.indexOf(':', colon + 1) < 0) {
            return hostHeader.substring(0, colon);
        }
        return hostHeader; // a bare IPv6 literal, or nothing a browser sends
    }

    /** @return the address a literal names, or {@code null} when it is a name (never looked up) */
    static InetAddress literal(String host) {
        if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
            return null;
        }
        int zone = host.indexOf('%');
        String bare = zone >= 0 ? host.substring(0, zone) : host;
        if (!bare.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(bare); // a literal: no lookup
        } catch (IOException e) {
            return null;
        }
    }

    private static void add(String e, Set<String> names, Set<InetAddress> addresses) {
        String h = Objects.requireNonNull(e, "allowed host").strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || !h.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == ':' || c == '_')) {
            throw new IllegalArgumentException("allowed host '" + e + "': not a host name or address literal");
        }
        InetAddress literal = literal(h);
        if (literal != null) {
            addresses.add(literal);
        } else {
            names.add(h);
        }
    }

    private static Set<InetAddress> machineAddresses() {
        Set<InetAddress> all = new LinkedHashSet<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    all.add(a.getHostAddress().indexOf('%') < 0 ? a : withoutZone(a));
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback still counts
        }
        return all;
    }

    private static InetAddress withoutZone(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (IOException e) {
            return a;
        }
    }

    /** Looked up once: a reverse lookup may be slow where DNS is, and every facade built would wait for it. */
    private static final class MachineNames {
        static final Set<String> NAMES = Collections.unmodifiableSet(lookUp());
    }

    private static Set<String> machineNames() {
        return MachineNames.NAMES;
    }

    private static Set<String> lookUp() {
        Set<String> names = new LinkedHashSet<>();
        try {
            InetAddress self = InetAddress.getLocalHost();
            for (String n : new String[] {self.getHostName(), self.getCanonicalHostName()}) {
                String name = n.toLowerCase(Locale.ROOT);
                // A machine whose name maps to 127.0.1.1 may call itself localhost: that name is loopback's alone.
                if (literal(name) == null && !name.equals("localhost") && !name.startsWith("localhost.")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            // a machine without a resolvable name of its own: only its addresses count
        }
        return names;
    }

    private static InetAddress anyLocal() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "allowed hosts " + names + " and addresses " + addresses.stream().map(InetAddress::getHostAddress).toList()
                + (loopback ? " and loopback" : "");
    }
}
