package org.ztp4j.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.inventory.InMemoryInventory;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.DhcpServerFormat;
import org.ztp4j.dhcp.config.Ipv4Range;
import org.ztp4j.dhcp.config.Ipv4Subnet;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The example OS10 adapter in a real server, plugged in by code ({@link Os10EmbeddingExample}):
 * curl fetches what a switch fetches, an emulated switch runs the provisioning and post-ZTD
 * scripts with bash as OS10 ZTD does, and dnsmasq takes the offer.
 */
class Os10ZtdAdapterIT {

    static final MacAddress OS10_MAC = MacAddress.parse("00:00:5e:00:53:31");
    static final MacAddress EOS_MAC = MacAddress.parse("00:00:5e:00:53:41");
    static final DeviceRecord LEAF = DeviceRecord.builder("leaf-os10-1").mac(OS10_MAC.toString()).platform("os10")
            .managementAddress("192.0.2.31/24").gateway("192.0.2.1").build();
    static final DeviceRecord EOS = DeviceRecord.builder("leaf-eos-1").serial("JPE14080001").mac(EOS_MAC.toString())
            .platform("eos").managementAddress("192.0.2.41/24").gateway("192.0.2.1").build();

    @TempDir
    Path dir;

    /** The MAC whose lease the loopback address is: the device the next request comes from. */
    final AtomicReference<MacAddress> leased = new AtomicReference<>(OS10_MAC);
    final List<String> reported = new CopyOnWriteArrayList<>();
    final List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();
    Provisioning ztp;
    String base;

    @BeforeEach
    void start() throws Exception {
        ExternalTool.require("curl", "curl");
        LeaseLookup leases = address -> Optional.ofNullable(leased.get()).map(mac -> new Lease(address, mac, null, null, null));
        ztp = Os10EmbeddingExample.start(List.of(LEAF, EOS), leases, 0, reported::add);
        base = "http://127.0.0.1:" + ztp.httpAddress().getPort();
    }

    @AfterEach
    void stop() {
        ztp.close();
    }

    @Test
    void theOfferIsOption240NamingTheProvisioningScriptForEveryClient() {
        BootOffer offer = ztp.bootOffer("os10");
        assertThat(offer.option(240)).contains(BootOption.text(240, base + "/os10/ztd.sh"));
        assertThat(offer.matchOption()).isEqualTo(BootOffer.ANY_DEVICE);
        assertThat(offer.bootfile()).isNull();
        assertThat(offer.tftpServer()).isFalse();
    }

    @Test
    void servesTheSwitchThatAsksItsScriptAndDay0AndNothingToAnotherDevice() {
        String script = curl(base + "/os10/ztd.sh");
        assertThat(script).startsWith("#!/bin/bash\n").contains(
                "\nIMG_FILE=\"\"\n",
                "\nCLI_CONFIG_FILE=\"" + base + "/os10/cli/00005E005331.cfg\"\n",
                "\nPOST_SCRIPT_FILE=\"" + base + "/os10/post/00005E005331.sh\"\n",
                "\nsudo os10_ztd_start.sh \"$IMG_FILE\" \"$CLI_CONFIG_FILE\" \"$POST_SCRIPT_FILE\"\n");
        assertThat(curl(base + "/os10/cli/00005E005331.cfg")).isEqualTo("""
                # PRE-CONFIG
                # POST-CONFIG
                hostname leaf-os10-1
                username admin password Replace-Me-7q role sysadmin
                interface mgmt1/1/1
                 no ip address dhcp
                 ip address 192.0.2.31/24
                 no shutdown
                management route 0.0.0.0/0 192.0.2.1
                ip ssh server enable
                """);
        assertThat(curl(base + "/os10/cli/00005e005331.cfg")).as("the MAC in either case").contains("hostname leaf-os10-1");
        assertThat(ztp.day0Config("os10", LEAF)).isEqualTo(curl(base + "/os10/cli/00005E005331.cfg"));

        // An Arista switch's lease: no OS10 script for it, and the MAC of a device of another platform names nothing.
        leased.set(EOS_MAC);
        assertThat(status(base + "/os10/ztd.sh")).isEqualTo(404);
        assertThat(status(base + "/os10/cli/00005E005341.cfg")).isEqualTo(404);
        assertThat(status(base + "/os10/post/00005E005341.sh")).isEqualTo(404);
        // No lease at all, and a MAC nobody has.
        leased.set(null);
        assertThat(status(base + "/os10/ztd.sh")).isEqualTo(404);
        assertThat(status(base + "/os10/cli/00005E0053FF.cfg")).isEqualTo(404);
    }

    @Test
    void theEmulatedSwitchRunsZtdToTheEndAndItsPostScriptReportsBack() throws Exception {
        String url = ((BootOption.Text) ztp.bootOffer("os10").option(240).orElseThrow().value()).text();

        Os10ZtdDevice.Outcome outcome = new Os10ZtdDevice(Files.createDirectories(dir.resolve("leaf"))).run(url);

        assertThat(outcome.completed()).as(outcome.reason()).isTrue();
        assertThat(outcome.postConfig()).containsExactly("hostname leaf-os10-1", "username admin password Replace-Me-7q role sysadmin",
                "interface mgmt1/1/1", " no ip address dhcp", " ip address 192.0.2.31/24", " no shutdown",
                "management route 0.0.0.0/0 192.0.2.1", "ip ssh server enable");
        assertThat(reported).containsExactly("leaf-os10-1");
    }

    @Test
    void aSwitchWhoseLeaseIsNoOs10DevicesEndsZtdWithoutAConfig() throws Exception {
        leased.set(EOS_MAC);
        Os10ZtdDevice.Outcome outcome = new Os10ZtdDevice(dir).run(base + "/os10/ztd.sh");
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.reason()).isEqualTo("failed to download the provisioning script");
        assertThat(reported).isEmpty();
    }

    @Test
    void aReportWithoutTheDevicesTokenIsRefusedAndTellsNobody() {
        String token = ztp.access().tokens().tokenFor(LEAF);
        String report = base + "/os10/report/00005E005331";
        String body = "{\"status\":\"success\"}";
        assertThat(post(report, "application/json", "wrong-token-0123456789", body)).isEqualTo(403);
        assertThat(post(report, "application/json", null, body)).isEqualTo(403);
        assertThat(post(base + "/os10/report/00005E005341", "application/json", ztp.access().tokens().tokenFor(EOS), body))
                .as("an Arista switch's token and MAC").isEqualTo(403);
        assertThat(post(report, "text/plain", token, body)).isEqualTo(415);
        assertThat(post(report, "application/json", token, "{\"status\":\"done\"}")).isEqualTo(400);
        assertThat(reported).isEmpty();
        assertThat(post(report, "application/json", token, body)).isEqualTo(204);
        assertThat(reported).containsExactly("leaf-os10-1");
    }

    @Test
    void aPasswordOs10WouldRefuseIsAProblemNamingTheDeviceNotThePassword() {
        Provisioning p = Provisioning.builder().inventory(InMemoryInventory.of(List.of(LEAF)))
                .adapters(List.of(new Os10ZtdAdapter())).global("admin_user", "admin").global("admin_password", "Sh0rt-pw")
                .build();
        assertThat(p.problems()).containsExactly(
                "device leaf-os10-1 (os10): admin_password of leaf-os10-1 has 8 characters; OS10 takes 9 to 32");
        assertThat(String.join("", p.problems())).doesNotContain("Sh0rt-pw");
    }

    @Test
    void aPasswordTheOs10CommandLineCannotTakeAsOneWordIsAProblemNamingTheDeviceNotThePassword() {
        // a blank would end the password in "username admin password <password> role sysadmin"
        Map<String, String> refused = Map.of(
                "Replace Me-7q", "admin_password of leaf-os10-1 holds a blank",
                "Replace-Me-7q\nrole", "admin_password of leaf-os10-1 holds a control or non-ASCII character",
                "Replace-Më-7q", "admin_password of leaf-os10-1 holds a control or non-ASCII character",
                "Replace-Me-7q-".repeat(3), "admin_password of leaf-os10-1 has 42 characters; OS10 takes 9 to 32",
                "$6$Replace-Me-7q", "admin_password of leaf-os10-1 starts as a hashed password does");
        refused.forEach((password, problem) -> {
            Provisioning p = Provisioning.builder().inventory(InMemoryInventory.of(List.of(LEAF)))
                    .adapters(List.of(new Os10ZtdAdapter())).global("admin_user", "admin").global("admin_password", password)
                    .build();
            assertThat(p.problems()).singleElement().asString().startsWith("device leaf-os10-1 (os10): " + problem);
            assertThat(String.join("", p.problems())).doesNotContain(password.strip()).doesNotContain("Replace");
        });
        Provisioning user = Provisioning.builder().inventory(InMemoryInventory.of(List.of(LEAF)))
                .adapters(List.of(new Os10ZtdAdapter())).global("admin_user", "net admin").global("admin_password", "Replace-Me-7q!")
                .build();
        assertThat(user.problems()).containsExactly("device leaf-os10-1 (os10): admin_user of leaf-os10-1 is not one word of 1 to 32"
                + " printable ASCII characters, as OS10's username command takes it");
        Provisioning fine = Provisioning.builder().inventory(InMemoryInventory.of(List.of(LEAF)))
                .adapters(List.of(new Os10ZtdAdapter())).global("admin_user", "admin").global("admin_password", "alpha404!x$")
                .build();
        assertThat(fine.problems()).isEmpty();
    }

    @Test
    void dnsmasqTakesTheOfferAloneAndMatchedByAVendorClassBesideTheShippedPlatforms() throws Exception {
        Path dnsmasq = ExternalTool.require("dnsmasq", "dnsmasq");
        String alone = dnsmasqConfig(List.of(ztp.bootOffer("os10")));
        assertThat(alone).contains("\ndhcp-option-force=240,\"" + base + "/os10/ztd.sh\"\n");
        check(dnsmasq, alone);

        // With a vendor class the user has seen in the switches' requests (the value here is the test's own).
        PlatformContext context = new PlatformContext(InMemoryInventory.of(List.of(LEAF, EOS)), null, ztp.bootServers(),
                null, null, null, Map.of("os10.vendor-class", "lab-os10"));
        List<BootOffer> offers = new java.util.ArrayList<>();
        PlatformAdapters.discover().forEach(a -> offers.add(a.bootOffer(context)));
        offers.add(new Os10ZtdAdapter().bootOffer(context));
        String all = dnsmasqConfig(offers);
        assertThat(all).contains("\ndhcp-vendorclass=set:ztp-os10,lab-os10\n",
                "\ndhcp-option-force=tag:ztp-os10,240,\"" + base + "/os10/ztd.sh\"\n");
        check(dnsmasq, all);
    }

    private String dnsmasqConfig(List<BootOffer> offers) throws Exception {
        return DhcpConfig.builder().format(DhcpServerFormat.DNSMASQ).offers(offers)
                .tftpServers(List.of(InetAddress.getByName("10.213.7.1")))
                .subnet(Ipv4Subnet.parse("10.213.7.0/24")).range(Ipv4Range.parse("10.213.7.100-10.213.7.200"))
                .router(InetAddress.getByName("10.213.7.1")).devices(List.of(LEAF, EOS))
                .build().render();
    }

    private void check(Path dnsmasq, String text) throws Exception {
        Path file = Files.createTempFile(dir, "dnsmasq-", ".conf");
        Files.writeString(file, text);
        Processes.Result r = Processes.runAllowingFailure(dir, 30, dnsmasq.toString(), "--test", "--conf-file=" + file);
        assertThat(r.exitCode()).as("dnsmasq rejected:%n%s%n%s", text, r.output()).isZero();
    }

    private String curl(String url) {
        Processes.Result r = Processes.runAllowingFailure(dir, 30, "curl", "-s", "-f", url);
        assertThat(r.exitCode()).as("curl %s: %s", url, r.stderr()).isZero();
        return r.stdout();
    }

    private int status(String url) {
        return Integer.parseInt(Processes.runAllowingFailure(dir, 30, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", url)
                .stdout().trim());
    }

    private int post(String url, String type, String token, String body) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "-X", "POST", "-H", "Content-Type: " + type, "--data", body));
        if (token != null) {
            command.addAll(List.of("-H", Os10ReportEndpoint.TOKEN_HEADER + ": " + token));
        }
        command.add(url);
        return Integer.parseInt(Processes.runAllowingFailure(dir, 30, command.toArray(String[]::new)).stdout().trim());
    }
}
