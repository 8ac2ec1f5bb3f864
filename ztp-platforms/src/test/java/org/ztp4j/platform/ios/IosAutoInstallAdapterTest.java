package org.ztp4j.platform.ios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.platform.Fixtures;

/** Which IOS device a file name gives, when two names cut to 8 characters collide, and what the load says about it. */
class IosAutoInstallAdapterTest {

    static final Inventory TWINS = CsvInventory.parse("twins.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            branch-rtr1,FTX1111A0AA,00:19:e8:a4:5a:01,ios,192.0.2.21/24,192.0.2.1
            branch-rtr2,FTX2222A0AA,00:19:e8:a4:5a:02,ios,192.0.2.22/24,192.0.2.1
            branch-r,FTX3333A0AA,00:19:e8:a4:5a:03,iosxe,192.0.2.23/24,192.0.2.1
            core-rtr1,FTX4444A0AA,00:19:e8:a4:5a:04,ios,192.0.2.24/24,192.0.2.1
            leaf101,SAL1234ABCD,00:00:5e:00:53:01,nxos,192.0.2.11/24,192.0.2.1
            """);

    static PlatformContext context() {
        return new PlatformContext(TWINS, null, Fixtures.servers(), LeaseLookup.NONE, ProvisioningListener.NONE,
                Fixtures.GLOBALS, Map.of());
    }

    static FileRequest request(String path) {
        return new FileRequest(path, new InetSocketAddress("192.0.2.99", 50000), Protocol.TFTP, null);
    }

    static String read(Optional<FileResource> file) throws IOException {
        try (InputStream in = file.orElseThrow().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void twoDevicesWhoseNamesCutTo8CharactersAreTheSameGetNeitherTheShortNameNorEachOthersConfig() throws IOException {
        FileProvider files = new IosAutoInstallAdapter().files(context());

        assertThat(files.open(request("branch-r.cfg"))).isEmpty();
        assertThat(read(files.open(request("branch-rtr1-confg")))).contains("hostname branch-rtr1\n");
        assertThat(read(files.open(request("branch-rtr2-confg")))).contains("hostname branch-rtr2\n");
        assertThat(read(files.open(request("core-rtr.cfg")))).contains("hostname core-rtr1\n");
        assertThat(new IosAutoInstallAdapter().identify(request("branch-r.cfg"), context())).isEmpty();
        assertThat(new IosAutoInstallAdapter().identify(request("core-rtr.cfg"), context()))
                .hasValueSatisfying(d -> assertThat(d.hostname()).isEqualTo("core-rtr1"));
    }

    @Test
    void theLoadWarnsNamingBothDevicesAndOnlyIosDevicesCount() {
        assertThat(new IosAutoInstallAdapter().warnings(TWINS, context())).containsExactly(
                "devices branch-rtr1, branch-rtr2 (ios): all would ask for branch-r.cfg (IOS cuts host names to 8 characters"
                        + " after reading cisconet.cfg), so branch-r.cfg is served to none of them; <hostname>-confg still is,"
                        + " and router-confg by DHCP lease");
        assertThat(new IosAutoInstallAdapter().warnings(Fixtures.inventory(), Fixtures.context(Map.of()))).isEmpty();
    }

    @Test
    void anotherPlatformsDeviceIsNeitherServedNorListedUnderIosNames() throws IOException {
        FileProvider files = new IosAutoInstallAdapter().files(context());

        assertThat(files.open(request("leaf101-confg"))).isEmpty();
        assertThat(files.open(request("leaf101.cfg"))).isEmpty();
        assertThat(new IosAutoInstallAdapter().identify(request("leaf101-confg"), context())).isEmpty();
        assertThat(read(files.open(request("network-confg"))))
                .isEqualTo("ip host branch-rtr1 192.0.2.21\nip host branch-rtr2 192.0.2.22\nip host core-rtr1 192.0.2.24\n");
    }

    @Test
    void networkConfgHoldsOnlyIpHostLinesAndNoVariableEvenWhenEveryDeviceHasSecrets() throws IOException {
        String served = read(new IosAutoInstallAdapter().files(context()).open(request("NETWORK-CONFG")));
        assertThat(served.lines()).isNotEmpty().allMatch(l -> l.matches("ip host [a-z0-9-]+ 192\\.0\\.2\\.\\d+"));
        assertThat(served).doesNotContain(String.valueOf(Fixtures.GLOBALS.get("admin_password")));
    }

    @Test
    void withoutAnIosDeviceInTheInventoryThereIsNoNetworkConfg() throws IOException {
        Inventory noIos = CsvInventory.parse("no-ios.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway
                leaf101,SAL1234ABCD,nxos,192.0.2.11/24,192.0.2.1
                edge1,FOC1111X0AA,iosxe,192.0.2.12/24,192.0.2.1
                """);
        PlatformContext context = new PlatformContext(noIos, null, Fixtures.servers(), LeaseLookup.NONE,
                ProvisioningListener.NONE, Fixtures.GLOBALS, Map.of());
        FileProvider files = new IosAutoInstallAdapter().files(context);

        assertThat(files.open(request("network-confg"))).isEmpty();
        assertThat(files.open(request("cisconet.cfg"))).isEmpty();
    }

    @Test
    void aRequesterKnownByItsLeaseGetsOneLineItsOwnNameAtTheAddressItAskedFrom() throws IOException {
        MacAddress mac = TWINS.byHostname("core-rtr1").orElseThrow().mac();
        LeaseLookup leases = a -> a.getHostAddress().equals("192.0.2.99")
                ? Optional.of(new Lease(a, mac, null, null, null)) : Optional.empty();
        PlatformContext context = new PlatformContext(TWINS, null, Fixtures.servers(), leases, ProvisioningListener.NONE,
                Fixtures.GLOBALS, Map.of());

        assertThat(read(new IosAutoInstallAdapter().files(context).open(request("network-confg"))))
                .isEqualTo("ip host core-rtr1 192.0.2.99\n");
    }

    @Test
    void anAddressThatIsMerelyADevicesManagementAddressGetsNoDay0() throws IOException {
        FileProvider files = new IosAutoInstallAdapter().files(context());
        // core-rtr1 will be at 192.0.2.24; someone asks from there before it is, with no lease to say who it is.
        FileRequest fromItsAddress = new FileRequest("router-confg", new InetSocketAddress("192.0.2.24", 50000), Protocol.TFTP, null);

        assertThat(read(files.open(fromItsAddress))).startsWith("! ztp4j default config").doesNotContain("core-rtr1");
        assertThat(files.open(new FileRequest("switch-confg", fromItsAddress.client(), Protocol.TFTP, null))).isEmpty();
        assertThat(new IosAutoInstallAdapter().identify(fromItsAddress, context())).isEmpty();
    }

    @Test
    void theServedFileIsExactlyTheDay0EvenWhereTheAdapterAdjustsTheVariables() throws IOException {
        Inventory keeps = CsvInventory.parse("keeps.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway,autoinstall_interface
                rtr9,FGL9999X9ZZ,ios,192.0.2.9/24,192.0.2.1,none
                """);
        PlatformContext context = new PlatformContext(keeps, null, Fixtures.servers(), LeaseLookup.NONE,
                ProvisioningListener.NONE, Fixtures.GLOBALS, Map.of());
        String served = read(new IosAutoInstallAdapter().files(context).open(request("rtr9-confg")));
        assertThat(served).isEqualTo(new IosAutoInstallAdapter().day0Config(keeps.byHostname("rtr9").orElseThrow(), context))
                .doesNotContain("no ip address");
    }
}
