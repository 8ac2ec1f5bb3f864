package org.ztp4j.dhcp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ztp4j.core.internal.JsonWriter;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.Ipv4Subnet;

/**
 * Writes Kea's JSON {@code Dhcp4} configuration (checked with Kea 2.2).
 *
 * <p>Kea knows 66 and 67 as {@code tftp-server-name} and {@code boot-file-name} but not 150: an
 * {@code option-def} declares it as an array of IPv4 addresses. Each offer becomes a client class
 * with a {@code test} expression, its options and its {@code next-server}; the offer for any
 * device becomes a class that tests {@code not member(...)} of the others, because Kea ranks class
 * options below subnet options and a subnet-level boot file would override the classes'. Boot
 * options are {@code always-send}, since devices do not always ask for 150 in option 55. Extra
 * options go out as raw hex; option 43 is redefined as binary for that.
 *
 * <p>An offer's further options go into its class's {@code option-data}, always sent. A text,
 * address or number option with a site-specific code (224..254, RFC 3942) is declared with an
 * {@code option-def} ({@code string}, {@code ipv4-address} array, {@code uint8/16/32}) and written
 * as such; Kea does not let a configuration redefine the codes it knows, so every other option
 * (and every raw or sub-option value) goes out with {@code csv-format: false} and its bytes in hex.
 *
 * <p>Devices pinned to a relay port go into the test of Kea's built-in {@code DROP} class: a
 * request with a pinned device's MAC ({@code pkt4.mac}) or client identifier ({@code option[61]})
 * whose option 82 circuit-id ({@code relay4[1].hex}) or remote-id ({@code relay4[2].hex}) differs
 * from the pin, or that carries no option 82, is dropped before any reservation or class applies.
 * The reservations themselves stay keyed by MAC or client identifier.
 */
final class KeaRenderer {

    private final DhcpConfig config;

    KeaRenderer(DhcpConfig config) {
        this.config = config;
    }

    String render() {
        Map<String, Object> dhcp4 = new LinkedHashMap<>();
        dhcp4.put("interfaces-config", Map.of("interfaces", List.of(config.interfaceName().orElse("*"))));
        Map<String, Object> leases = new LinkedHashMap<>();
        leases.put("type", "memfile");
        leases.put("persist", true);
        config.leaseFile().ifPresent(f -> leases.put("name", f));
        dhcp4.put("lease-database", leases);
        config.leaseTimeSeconds().ifPresent(s -> dhcp4.put("valid-lifetime", s));
        List<Map<String, Object>> defs = new ArrayList<>();
        if (config.offers().stream().anyMatch(BootOffer::tftpServer)) {
            Map<String, Object> def = new LinkedHashMap<>();
            def.put("name", "tftp-server-address");
            def.put("code", 150);
            def.put("space", "dhcp4");
            def.put("type", "ipv4-address");
            def.put("array", true);
            defs.add(def);
        }
        for (Map.Entry<Integer, List<BootOption>> e : ConfigRenderers.optionsByCode(config).entrySet()) {
            typedDefinition(e.getKey()).ifPresent(type -> {
                Map<String, Object> def = new LinkedHashMap<>();
                def.put("name", ConfigRenderers.optionName(e.getKey()));
                def.put("code", e.getKey());
                def.put("space", "dhcp4");
                def.put("type", switch (type) {
                    case TEXT -> "string";
                    case IPV4 -> "ipv4-address";
                    case UINT8 -> "uint8";
                    case UINT16 -> "uint16";
                    default -> "uint32";
                });
                if (type == BootOption.Type.IPV4) {
                    def.put("array", true);
                }
                defs.add(def);
            });
        }
        if (config.extraOptions().stream().anyMatch(o -> o.code() == DhcpOption.VENDOR_SPECIFIC)
                || ConfigRenderers.optionsByCode(config).containsKey(BootOption.VENDOR_SPECIFIC)) {
            // Kea reads option 43 as sub-options of its own space and sends nothing it cannot build
            // from them; redefined as binary (the one redefinition Kea allows), it carries raw bytes
            Map<String, Object> def = new LinkedHashMap<>();
            def.put("name", "vendor-encapsulated-options");
            def.put("code", 43);
            def.put("space", "dhcp4");
            def.put("type", "binary");
            defs.add(def);
        }
        if (!defs.isEmpty()) {
            dhcp4.put("option-def", defs);
        }
        List<Map<String, Object>> classes = classes();
        if (!classes.isEmpty()) {
            dhcp4.put("client-classes", classes);
        }
        Optional<String> scopeNextServer = unclassedOffer().filter(BootOffer::tftpServer)
                .map(o -> config.nextServer().orElseThrow().getHostAddress());
        List<Map<String, Object>> reservations = config.devices().stream().map(this::reservation).collect(Collectors.toList());
        if (config.subnet().isPresent()) {
            Ipv4Subnet subnet = config.subnet().get();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", 1);
            s.put("subnet", subnet.toString());
            scopeNextServer.ifPresent(n -> s.put("next-server", n));
            config.range().ifPresent(r -> s.put("pools", List.of(Map.of("pool",
                    r.first().getHostAddress() + " - " + r.last().getHostAddress()))));
            List<Map<String, Object>> options = scopeOptions();
            if (!options.isEmpty()) {
                s.put("option-data", options);
            }
            if (!reservations.isEmpty()) {
                s.put("reservations", reservations);
            }
            dhcp4.put("subnet4", List.of(s));
        } else {
            scopeNextServer.ifPresent(n -> dhcp4.put("next-server", n));
            List<Map<String, Object>> options = scopeOptions();
            if (!options.isEmpty()) {
                dhcp4.put("option-data", options);
            }
            if (!reservations.isEmpty()) {
                dhcp4.put("reservations", reservations);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("Dhcp4", dhcp4);
        return JsonWriter.indented(root);
    }

    private List<Map<String, Object>> classes() {
        List<Map<String, Object>> classes = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DeviceRecord d : config.devices()) {
            config.relayPin(d).ifPresent(pin -> {
                // the reservation's own identifier, so the test and the reservation name the same client
                String who = d.mac() != null ? "pkt4.mac == 0x" + ConfigRenderers.hex(d.mac().toBytes())
                        : "option[61].hex == 0x" + ConfigRenderers.hex(ConfigRenderers.serialClientId(d));
                List<String> port = new ArrayList<>();
                if (pin.circuitId() != null) {
                    port.add("relay4[1].hex == 0x" + ConfigRenderers.hex(pin.circuitId()));
                }
                if (pin.remoteId() != null) {
                    port.add("relay4[2].hex == 0x" + ConfigRenderers.hex(pin.remoteId()));
                }
                // without option 82 relay4[n].hex is empty, so "not" drops unrelayed requests too
                pinned.add("(" + who + " and not (" + String.join(" and ", port) + "))");
                names.add(d.hostname() + " (" + pin + ")");
            });
        }
        if (!pinned.isEmpty()) {
            Map<String, Object> drop = new LinkedHashMap<>();
            drop.put("name", "DROP");
            drop.put("comment", "option 82 pins: requests from these devices through any other relay port are dropped: "
                    + String.join(", ", names));
            drop.put("test", String.join(" or ", pinned));
            classes.add(drop);
        }
        List<BootOffer> matched = ConfigRenderers.matchedOffers(config);
        for (BootOffer o : matched) {
            int n = o.matchPrefix().getBytes(StandardCharsets.UTF_8).length;
            String lit = "'" + o.matchPrefix().replace("'", "\\'") + "'";
            String test;
            if (o.matchOption() == BootOffer.VENDOR_CLASS) {
                test = "substring(option[60].hex,0," + n + ") == " + lit;
            } else {
                // RFC 3004 frames each user class with a length octet; some clients send bare text: match both.
                test = "substring(option[77].hex,0," + n + ") == " + lit + " or substring(option[77].hex,1," + n + ") == " + lit;
            }
            classes.add(clientClass(o, test));
        }
        Optional<BootOffer> any = ConfigRenderers.anyDeviceOffer(config);
        if (any.isPresent() && !matched.isEmpty()) {
            String test = matched.stream()
                    .map(m -> "not member('" + ConfigRenderers.className(m) + "')").collect(Collectors.joining(" and "));
            classes.add(clientClass(any.get(), test));
        }
        return classes;
    }

    private Map<String, Object> clientClass(BootOffer o, String test) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", ConfigRenderers.className(o));
        c.put("comment", ConfigRenderers.describe(o));
        c.put("test", test);
        if (o.tftpServer()) {
            c.put("next-server", config.nextServer().orElseThrow().getHostAddress());
        }
        c.put("option-data", bootOptions(o));
        return c;
    }

    private List<Map<String, Object>> bootOptions(BootOffer o) {
        List<Map<String, Object>> options = new ArrayList<>();
        if (o.tftpServer()) {
            options.add(option("tftp-server-address", 150, ConfigRenderers.join(config.tftpServers(), ", ")));
        }
        String option66 = o.option66(config.tftpServerName().orElse(null));
        if (option66 != null) {
            options.add(option("tftp-server-name", 66, escape(option66)));
        }
        if (o.bootfile() != null) {
            options.add(option("boot-file-name", 67, escape(o.bootfile())));
        }
        for (BootOption extra : o.options()) {
            options.add(extraOption(extra));
        }
        return options;
    }

    /** One of an offer's further options, or a device's own in place of it, as its code is defined. */
    private Map<String, Object> extraOption(BootOption extra) {
        Optional<BootOption.Type> typed = typedDefinition(extra.code());
        if (typed.isPresent()) {
            return option(ConfigRenderers.optionName(extra.code()), extra.code(), typedData(extra));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (extra.code() == BootOption.VENDOR_SPECIFIC) {
            m.put("name", "vendor-encapsulated-options");
        }
        m.put("code", extra.code());
        m.put("space", "dhcp4");
        m.put("csv-format", false);
        m.put("data", extra.hex());
        m.put("always-send", true);
        return m;
    }

    /**
     * The type a code is declared with in {@code option-def}: only site-specific codes (RFC 3942:
     * 224..254, which Kea never defines itself) whose values all have one text, address or number type.
     */
    private Optional<BootOption.Type> typedDefinition(int code) {
        if (code < 224 || code > 254) {
            return Optional.empty();
        }
        BootOption.Type t = ConfigRenderers.commonType(ConfigRenderers.optionsByCode(config).get(code));
        return t == BootOption.Type.HEX ? Optional.empty() : Optional.of(t);
    }

    private static String typedData(BootOption o) {
        BootOption.Value v = o.value();
        if (v instanceof BootOption.Text t) {
            return escape(t.text());
        }
        if (v instanceof BootOption.Ipv4 a) {
            return a.addresses().stream().map(java.net.Inet4Address::getHostAddress).collect(Collectors.joining(", "));
        }
        return Long.toString(((BootOption.Unsigned) v).value());
    }

    private static Map<String, Object> option(String name, int code, String data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("code", code);
        m.put("space", "dhcp4");
        m.put("data", data);
        m.put("always-send", true);
        return m;
    }

    /** The offer for any device when no other offer exists: it needs no class and goes into the scope. */
    private Optional<BootOffer> unclassedOffer() {
        return ConfigRenderers.matchedOffers(config).isEmpty() ? ConfigRenderers.anyDeviceOffer(config) : Optional.empty();
    }

    private List<Map<String, Object>> scopeOptions() {
        List<Map<String, Object>> options = new ArrayList<>();
        unclassedOffer().ifPresent(o -> options.addAll(bootOptions(o)));
        config.router().ifPresent(r -> options.add(named("routers", r.getHostAddress())));
        if (!config.dnsServers().isEmpty()) {
            options.add(named("domain-name-servers", ConfigRenderers.join(config.dnsServers(), ", ")));
        }
        config.domainName().ifPresent(d -> options.add(named("domain-name", d)));
        for (DhcpOption o : config.extraOptions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (o.code() == DhcpOption.VENDOR_SPECIFIC) {
                m.put("name", "vendor-encapsulated-options");
            }
            m.put("code", o.code());
            m.put("space", "dhcp4");
            m.put("csv-format", false);
            m.put("data", o.valueHex());
            m.put("always-send", true);
            options.add(m);
        }
        return options;
    }

    private static Map<String, Object> named(String name, String data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("data", data);
        return m;
    }

    private Map<String, Object> reservation(DeviceRecord d) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (d.mac() != null) {
            r.put("hw-address", d.mac().toString());
        } else {
            // NX-OS POAP sends option 61 = 0x00 + serial
            r.put("client-id", ConfigRenderers.colonHex(ConfigRenderers.serialClientId(d)));
        }
        config.fixedAddress(d).ifPresent(a -> r.put("ip-address", a.getHostAddress()));
        r.put("hostname", d.hostname());
        List<Map<String, Object>> own = new ArrayList<>();
        config.bootfileFor(d).ifPresent(f -> {
            if (f.length() < 128) {
                r.put("boot-file-name", f);
            }
            own.add(option("boot-file-name", 67, escape(f)));
        });
        // a reservation's options win over its class's
        config.optionsFor(d).forEach(o -> own.add(extraOption(o)));
        if (!own.isEmpty()) {
            r.put("option-data", own);
        }
        return r;
    }

    /** Kea splits option data at commas (csv-format); a literal comma is written {@code \,}. */
    private static String escape(String text) {
        return text.replace(",", "\\,");
    }
}
