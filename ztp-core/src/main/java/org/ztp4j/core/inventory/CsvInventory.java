package org.ztp4j.core.inventory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.IpAddresses;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/**
 * An inventory in a CSV file (RFC 4180: commas, double quotes around fields that hold commas or
 * quotes, {@code ""} for a quote). The header row names the columns, in any order and case:
 *
 * <table>
 *   <caption>Known columns</caption>
 *   <tr><th>column</th><th>meaning</th></tr>
 *   <tr><td>{@code hostname}</td><td>required</td></tr>
 *   <tr><td>{@code serial}, {@code mac}</td><td>at least one per row; MAC in any common spelling</td></tr>
 *   <tr><td>{@code platform}</td><td>{@code nxos}, {@code ios}, {@code iosxe}, ...</td></tr>
 *   <tr><td>{@code mgmt_address}</td><td>{@code 10.0.0.11/24}, or an address with {@code mgmt_prefix}</td></tr>
 *   <tr><td>{@code mgmt_prefix}, {@code mgmt_gateway}, {@code mgmt_vrf}</td><td>optional</td></tr>
 * </table>
 *
 * <p>Every other column becomes a template variable of that name (lower-cased); an empty cell
 * leaves it unset. Blank lines and lines starting with {@code #} are skipped. Every malformed row
 * and every duplicate serial, MAC or host name is reported with file and line number.
 *
 * <p>{@link #reload()} reads the file again and swaps the whole data set at once; when the new file
 * is invalid it throws and the inventory keeps serving the last good data.
 *
 * <pre>{@code
 * CsvInventory inventory = CsvInventory.load(Path.of("devices.csv"));
 * // later, when the file changed:
 * inventory.reloadIfChanged();
 * }</pre>
 */
public final class CsvInventory implements Inventory {

    private static final Set<String> FIXED = Set.of("hostname", "serial", "mac", "platform", "mgmt_address",
            "mgmt_prefix", "mgmt_gateway", "mgmt_vrf");

    private final Path file;
    private volatile Snapshot snapshot;

    private CsvInventory(Path file, Snapshot snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /**
     * Loads an inventory file.
     *
     * @param file the CSV file
     * @return the inventory
     * @throws IOException        when the file cannot be read
     * @throws InventoryException listing every problem in the file
     */
    public static CsvInventory load(Path file) throws IOException {
        return new CsvInventory(file, read(file));
    }

    /**
     * Parses CSV text (for inventories that do not live in a file of their own).
     *
     * @param sourceName a name for error messages
     * @param csv        the text
     * @return the inventory; {@link #reload()} is not available on it
     * @throws InventoryException listing every problem
     */
    public static CsvInventory parse(String sourceName, String csv) {
        return new CsvInventory(null, parse(sourceName, csv, null));
    }

    /**
     * Reads the file again and swaps to its data at once.
     *
     * @throws IOException        when the file cannot be read (the old data stays)
     * @throws InventoryException when the new file is invalid (the old data stays)
     */
    public void reload() throws IOException {
        if (file == null) {
            throw new IllegalStateException("inventory was parsed from text, not loaded from a file");
        }
        snapshot = read(file);
    }

    /**
     * Reloads when the file's modification time or size changed since the last load.
     *
     * @return true when it reloaded
     * @throws IOException        when the file cannot be read (the old data stays)
     * @throws InventoryException when the new file is invalid (the old data stays)
     */
    public boolean reloadIfChanged() throws IOException {
        if (file == null) {
            return false;
        }
        Snapshot s = snapshot;
        if (Files.getLastModifiedTime(file).equals(s.modified) && Files.size(file) == s.size) {
            return false;
        }
        reload();
        return true;
    }

    /**
     * Takes the devices of another, newer load of the same file: one that was checked before it
     * replaces these, so that what is served is exactly what was checked.
     *
     * @param newer a load of {@link #file()}
     * @throws IllegalArgumentException when it was loaded from another file
     */
    public void replaceWith(CsvInventory newer) {
        if (file == null || !file.equals(newer.file)) {
            throw new IllegalArgumentException("inventory " + newer.file + ": not a load of " + file);
        }
        snapshot = newer.snapshot;
    }

    /** @return the file this inventory was loaded from, or {@code null} */
    public Path file() {
        return file;
    }

    @Override
    public Optional<DeviceRecord> bySerial(SerialNumber serial) {
        return snapshot.index.bySerial(serial);
    }

    @Override
    public Optional<DeviceRecord> byMac(MacAddress mac) {
        return snapshot.index.byMac(mac);
    }

    @Override
    public Optional<DeviceRecord> byHostname(String hostname) {
        return snapshot.index.byHostname(hostname);
    }

    @Override
    public Collection<DeviceRecord> devices() {
        return snapshot.index.devices();
    }

    @Override
    public String toString() {
        return "CSV inventory " + (file != null ? file : "(text)") + " with " + snapshot.index.devices().size() + " devices";
    }

    private static Snapshot read(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InventoryException(List.of(file + ": not UTF-8 text"));
        }
        Snapshot s = parse(file.toString(), text, modified);
        s.size = bytes.length;
        return s;
    }

    private static Snapshot parse(String source, String text, FileTime modified) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a BOM, as spreadsheet exports write
        }
        List<String> problems = new ArrayList<>();
        List<CsvRow> rows = CsvRow.parseAll(text, source, problems);
        List<DeviceRecord> devices = new ArrayList<>();
        if (rows.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(source + ": no header row");
            }
            throw new InventoryException(problems);
        }
        CsvRow header = rows.get(0);
        List<String> headerProblems = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (String h : header.fields()) {
            String c = h.strip().toLowerCase(Locale.ROOT);
            if (c.isEmpty()) {
                headerProblems.add(source + ":" + header.line() + ": empty column name");
            } else if (columns.contains(c)) {
                headerProblems.add(source + ":" + header.line() + ": column '" + c + "' appears twice");
            } else if (!c.matches("[a-z_][a-z0-9_]*")) {
                headerProblems.add(source + ":" + header.line() + ": column '" + h.strip()
                        + "' must be letters, digits and '_' (it becomes a template variable)");
            } else {
                InventoryColumns.misspelt(c).ifPresent(known -> headerProblems.add(source + ":" + header.line()
                        + ": column '" + c + "' is not a known column; did you mean '" + known + "'? (known: "
                        + String.join(", ", InventoryColumns.KNOWN) + "; other columns become template variables,"
                        + " but not ones this close to a known column)"));
            }
            columns.add(c);
        }
        if (!columns.contains("hostname")) {
            headerProblems.add(source + ":" + header.line() + ": no 'hostname' column");
        }
        if (!columns.contains("serial") && !columns.contains("mac")) {
            headerProblems.add(source + ":" + header.line() + ": needs a 'serial' or a 'mac' column");
        }
        if (!headerProblems.isEmpty()) {
            throw new InventoryException(headerProblems);
        }
        Map<Object, Integer> seen = new HashMap<>();
        for (CsvRow row : rows.subList(1, rows.size())) {
            String where = source + ":" + row.line() + ": ";
            if (row.fields().size() != columns.size()) {
                problems.add(where + "has " + row.fields().size() + " fields, the header has " + columns.size());
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                cells.put(columns.get(i), row.fields().get(i).strip());
            }
            DeviceRecord d;
            try {
                d = toRecord(cells);
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
                continue;
            }
            duplicate(seen, "serial", d.serial(), row.line(), where, problems);
            duplicate(seen, "MAC", d.mac(), row.line(), where, problems);
            duplicate(seen, "hostname", d.hostname().toLowerCase(Locale.ROOT), row.line(), where, problems);
            devices.add(d);
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(problems);
        }
        // Duplicates were reported above with their lines, so the index cannot refuse these.
        return new Snapshot(InMemoryInventory.of(devices), modified);
    }

    private static void duplicate(Map<Object, Integer> seen, String what, Object key, int line, String where,
                                  List<String> problems) {
        if (key == null) {
            return;
        }
        Integer first = seen.putIfAbsent(what + ":" + key, line);
        if (first != null) {
            problems.add(where + "duplicate " + what + " " + key + " (first on line " + first + ")");
        }
    }

    private static DeviceRecord toRecord(Map<String, String> cells) {
        SerialNumber serial = blank(cells.get("serial")) ? null : SerialNumber.of(cells.get("serial"));
        MacAddress mac = blank(cells.get("mac")) ? null : MacAddress.parse(cells.get("mac"));
        String platform = blank(cells.get("platform")) ? null : cells.get("platform").toLowerCase(Locale.ROOT);
        InetAddress address = null;
        int prefix = 0;
        String mgmt = cells.get("mgmt_address");
        if (!blank(mgmt)) {
            String addr = mgmt;
            int slash = mgmt.indexOf('/');
            if (slash >= 0) {
                addr = mgmt.substring(0, slash);
                prefix = parsePrefix(mgmt.substring(slash + 1), "mgmt_address");
            } else if (!blank(cells.get("mgmt_prefix"))) {
                prefix = parsePrefix(cells.get("mgmt_prefix"), "mgmt_prefix");
            } else {
                throw new IllegalArgumentException("mgmt_address: '" + mgmt + "' needs a prefix length (10.0.0.11/24, or a mgmt_prefix column)");
            }
            address = parseAddress(addr, "mgmt_address");
        }
        InetAddress gateway = blank(cells.get("mgmt_gateway")) ? null : parseAddress(cells.get("mgmt_gateway"), "mgmt_gateway");
        String vrf = blank(cells.get("mgmt_vrf")) ? null : cells.get("mgmt_vrf");
        Map<String, String> vars = new LinkedHashMap<>();
        cells.forEach((k, v) -> {
            if (!FIXED.contains(k) && !v.isEmpty()) {
                vars.put(k, v);
            }
        });
        return new DeviceRecord(cells.get("hostname"), serial, mac, platform, address, prefix, gateway, vrf, vars);
    }

    private static int parsePrefix(String text, String column) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": prefix length '" + text + "' is not a number");
        }
    }

    private static InetAddress parseAddress(String text, String column) {
        return IpAddresses.parse(column, text);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One load of the file: its devices and the file's time and size then. */
    private static final class Snapshot {
        final InMemoryInventory index;
        final FileTime modified;
        long size;

        Snapshot(InMemoryInventory index, FileTime modified) {
            this.index = index;
            this.modified = modified;
        }
    }
}
