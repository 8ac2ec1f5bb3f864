package org.ztp4j.dhcp.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.dhcp.internal.LeaseParsers;

/**
 * A {@link LeaseLookup} over a DHCP server's lease file: ISC dhcpd, Kea memfile or dnsmasq.
 *
 * <p>Each lookup checks the file's modification time and size; when either changed the file is
 * read again and the whole table swapped at once, so the server can keep writing it while ZTP
 * serves and no lookup sees half a file. Lookups are safe from many threads. Entries the parser
 * cannot use (IPv6 leases, garbage) are skipped with a warning naming the file and line; a missing
 * file is an empty table until it appears.
 *
 * <p>ISC dhcpd writes no lease for a host declared with a {@code fixed-address}: such devices are
 * tied to their address by the reservation (the inventory) rather than by the lease file.
 *
 * <pre>{@code
 * LeaseLookup leases = LeaseFile.open(Path.of("/var/lib/misc/dnsmasq.leases"), LeaseFileFormat.DNSMASQ);
 * leases.find(InetAddress.getByName("10.213.7.100")).map(Lease::mac);
 * }</pre>
 */
public final class LeaseFile implements LeaseLookup {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseFile.class);

    private record Snapshot(Instant modified, long size, Map<InetAddress, Lease> leases) {
    }

    private final Path path;
    private final LeaseFileFormat format;
    private final Clock clock;
    private final Object reloadLock = new Object();
    private volatile Snapshot snapshot = new Snapshot(Instant.MIN, -1, Map.of());

    private LeaseFile(Path path, LeaseFileFormat format, Clock clock) {
        this.path = Objects.requireNonNull(path, "path");
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param path   the lease file (it may not exist yet)
     * @param format its format
     * @return a lookup that reads the file on first use and again whenever it changes
     */
    public static LeaseFile open(Path path, LeaseFileFormat format) {
        return new LeaseFile(path, format, Clock.systemUTC());
    }

    /**
     * @param path   the lease file
     * @param format its format
     * @param clock  the clock that decides which leases have expired
     * @return the lookup
     */
    public static LeaseFile open(Path path, LeaseFileFormat format, Clock clock) {
        return new LeaseFile(path, format, clock);
    }

    /** @return the file read */
    public Path path() {
        return path;
    }

    /** @return its format */
    public LeaseFileFormat format() {
        return format;
    }

    /**
     * @param address a client address
     * @return its current lease: active in the file and not expired by the clock
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    @Override
    public Optional<Lease> find(InetAddress address) {
        Lease lease = current().get(address);
        return lease == null || lease.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(lease);
    }

    /**
     * Every lease the file holds as active, including those expired by the clock.
     *
     * @return the leases, in file order of their last entry
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public List<Lease> leases() {
        return List.copyOf(current().values());
    }

    private Map<InetAddress, Lease> current() {
        BasicFileAttributes attrs = attributes();
        Instant modified = attrs == null ? Instant.MIN : attrs.lastModifiedTime().toInstant();
        long size = attrs == null ? -1 : attrs.size();
        Snapshot s = snapshot;
        if (s.modified.equals(modified) && s.size == size) {
            return s.leases;
        }
        synchronized (reloadLock) {
            s = snapshot;
            if (s.modified.equals(modified) && s.size == size) {
                return s.leases;
            }
            Map<InetAddress, Lease> leases;
            if (attrs == null) {
                leases = Map.of();
            } else {
                leases = read();
                LOG.debug("read {} active leases from {}", leases.size(), path);
            }
            snapshot = new Snapshot(modified, size, leases);
            return leases;
        }
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("lease file " + path + ": " + e.getMessage(), e);
        }
    }

    private Map<InetAddress, Lease> read() {
        List<String> lines;
        try {
            // ISO-8859-1 never fails on odd bytes in host names
            lines = Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("lease file " + path + ": " + e.getMessage(), e);
        }
        String source = path.toString();
        switch (format) {
            case ISC:
                return LeaseParsers.isc(lines, source);
            case KEA:
                return LeaseParsers.kea(lines, source);
            case DNSMASQ:
                return LeaseParsers.dnsmasq(lines, source);
            default:
                throw new IllegalStateException("no parser for " + format);
        }
    }

    @Override
    public String toString() {
        return "LeaseFile[" + format.id() + " " + path + "]";
    }
}
