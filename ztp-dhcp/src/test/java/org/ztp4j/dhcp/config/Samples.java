package org.ztp4j.dhcp.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootOption.SubOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/** The three shipped platforms' offers and a small inventory, shared by the config tests. */
final class Samples {

    static final BootOffer NXOS = new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true);
    static final BootOffer IOS = new BootOffer("ios", BootOffer.ANY_DEVICE, null, null, true);
    static final BootOffer IOSXE = new BootOffer("iosxe", BootOffer.VENDOR_CLASS, "ciscopnp", "http://10.0.0.1:8080/ztp/iosxe.py", false);

    /**
     * Junos ZTP: option 43 sub-options 0 (image file name), 1 (config file name) and 3 (transfer
     * mode), the TFTP server in 150, 66 and next-server (Juniper's "Zero Touch Provisioning DHCP
     * options" page).
     */
    static final BootOffer JUNOS = BootOffer.builder("junos").matchVendorClass("Juniper-").tftpServer(true)
            .option(BootOption.vendorSpecific(
                    SubOption.text(0, "jinstall-ex-4200-13.2R1.1-domestic-signed.tgz"),
                    SubOption.text(1, "juniper.conf"),
                    SubOption.text(3, "tftp")))
            .build();

    /** Cumulus Linux ZTP: option 239 is the URL of the provisioning script (Cumulus Linux user guide, "Zero Touch Provisioning"). */
    static final BootOffer CUMULUS = BootOffer.builder("cumulus").matchVendorClass("cumulus-linux")
            .option(BootOption.text(239, "http://10.0.0.1:8080/cumulus/ztp.sh"))
            .build();

    /** Cisco Plug and Play: option 43 is the text naming the PnP server, for devices sending option 60 ciscopnp. */
    static final BootOffer PNP = BootOffer.builder("pnp").matchVendorClass("ciscopnp")
            .option(BootOption.ciscoPnp("10.0.0.1", 80, false))
            .build();

    /** Junos's option 43 on the wire: sub-option code, length, value, written out by hand. */
    static final String JUNOS_43_HEX = "00" + "2d" + "6a696e7374616c6c2d65782d343230302d31332e325231"
            + "2e312d646f6d65737469632d7369676e65642e74677a"   // 0, 45 bytes: jinstall-ex-4200-13.2R1.1-domestic-signed.tgz
            + "01" + "0c" + "6a756e697065722e636f6e66"      // 1, 12 bytes: juniper.conf
            + "03" + "04" + "74667470";                     // 3, 4 bytes: tftp

    private Samples() {
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** sw1: NX-OS known by serial only; rtr1: IOS known by MAC; c9k1: IOS-XE whose address is outside 10.213.7.0/24. */
    static List<DeviceRecord> devices() {
        return List.of(
                new DeviceRecord("sw1", SerialNumber.of("SAL12345678"), null, "nxos", ip("10.213.7.11"), 24, null, null, null),
                new DeviceRecord("rtr1", null, MacAddress.parse("0200.0000.0001"), "ios", ip("10.213.7.12"), 24, null, null, null),
                new DeviceRecord("c9k1", SerialNumber.of("FJC27271B8C"), MacAddress.parse("0200.0000.0002"), "iosxe",
                        ip("192.168.1.5"), 24, null, null, null));
    }

    /** sw1: NX-OS by serial, pinned by hex circuit-id; rtr1: IOS by MAC, pinned by circuit-id and remote-id; rtr2: not pinned. */
    static List<DeviceRecord> pinnedDevices() {
        return List.of(
                new DeviceRecord("sw1", SerialNumber.of("SAL12345678"), null, "nxos", ip("10.213.7.11"), 24, null, null,
                        Map.of(RelayPin.CIRCUIT_ID_VARIABLE, "0x00:04:00:01:00:07")),
                new DeviceRecord("rtr1", null, MacAddress.parse("02:00:00:00:00:01"), "ios", ip("10.213.7.12"), 24, null, null,
                        Map.of(RelayPin.CIRCUIT_ID_VARIABLE, "Gi1/0/7", RelayPin.REMOTE_ID_VARIABLE, "access-sw-12")),
                new DeviceRecord("rtr2", null, MacAddress.parse("02:00:00:00:00:02"), "ios", ip("10.213.7.13"), 24, null, null, null));
    }

    static DhcpConfig.Builder complete(DhcpServerFormat format, List<BootOffer> offers) {
        return DhcpConfig.builder().format(format).offers(offers)
                .tftpServers(List.of(ip("10.0.0.1"), ip("10.0.0.2")))
                .subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                .range(Ipv4Range.parse("10.213.7.100-10.213.7.200"))
                .router(ip("10.213.7.1"));
    }

    static DhcpConfig.Builder fragment(DhcpServerFormat format, List<BootOffer> offers) {
        return DhcpConfig.builder().format(format).offers(offers).tftpServers(List.of(ip("10.0.0.1"), ip("10.0.0.2")));
    }
}
