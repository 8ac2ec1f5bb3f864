package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Processes;

/**
 * Every published module works for module-path users: an application module that requires
 * {@code org.ztp4j.testkit} (and so, transitively, the server, HTTP, TFTP, DHCP, platform and core
 * modules) uses a public type of each, and a user's own templated adapter, in a module of its own,
 * is found through {@code provides} and renders its bundled template. Bouncy Castle is left off the
 * module path: it is optional, and what needs it says so.
 */
class ModulePathIT {

    @TempDir
    Path tmp;

    @Test
    void anApplicationModuleUsesEveryModuleAndAUsersTemplatedAdapter() throws IOException {
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(ModulePathIT::isRuntimeModule)
                .collect(Collectors.joining(File.pathSeparator));
        Path src = tmp.resolve("src");
        write(src.resolve("acme.adapter/module-info.java"), """
                module acme.adapter {
                    requires org.ztp4j.platform;
                    provides org.ztp4j.core.PlatformAdapter with acme.AcmeAdapter;
                }
                """);
        write(src.resolve("acme.adapter/acme/AcmeAdapter.java"), """
                package acme;

                import org.ztp4j.core.BootOffer;
                import org.ztp4j.core.DhcpFingerprint;
                import org.ztp4j.core.FileProvider;
                import org.ztp4j.core.PlatformContext;
                import org.ztp4j.platform.TemplatedPlatformAdapter;

                public final class AcmeAdapter extends TemplatedPlatformAdapter {
                    public AcmeAdapter() {
                        super("acme", "Acme OS ZTP", "acme/day0.cfg",
                                name -> AcmeAdapter.class.getResourceAsStream("templates/" + name), "acme/day0.cfg");
                    }
                    public boolean recognises(DhcpFingerprint dhcp) { return dhcp.vendorClassStartsWith("Acme"); }
                    public BootOffer bootOffer(PlatformContext c) {
                        return new BootOffer("acme", BootOffer.VENDOR_CLASS, "Acme", "acme.cfg", true);
                    }
                    public FileProvider files(PlatformContext c) {
                        return templateFiles(c, templates(c)).file("acme/{serial}.cfg", "acme/day0.cfg").build();
                    }
                }
                """);
        write(src.resolve("acme.adapter/acme/templates/acme/day0.cfg"), "acme-hostname {{hostname}}\n");
        write(src.resolve("app/module-info.java"), """
                module app {
                    requires org.ztp4j.testkit;
                }
                """);
        write(src.resolve("app/app/Main.java"), """
                package app;

                import java.net.InetAddress;
                import java.net.InetSocketAddress;
                import org.ztp4j.core.PlatformAdapter;
                import org.ztp4j.core.PlatformAdapters;
                import org.ztp4j.core.files.InMemoryFileProvider;
                import org.ztp4j.dhcp.DhcpOption;
                import org.ztp4j.http.HttpFileServer;
                import org.ztp4j.server.Provisioning;
                import org.ztp4j.core.RecordingListener;
                import org.ztp4j.testkit.SampleInventory;
                import org.ztp4j.tftp.TftpServer;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        System.out.println(PlatformAdapters.discover().stream().map(PlatformAdapter::id).sorted().toList());
                        var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
                        var files = new InMemoryFileProvider().put("a.txt", new byte[] {'a'});
                        try (TftpServer tftp = TftpServer.builder().bind(loopback).fileProvider(files).build().start();
                             HttpFileServer http = HttpFileServer.builder().bind(loopback).fileProvider(files).build().start()) {
                            System.out.println("tftp " + (tftp.port() > 0) + " http " + (http.port() > 0));
                        }
                        System.out.println("option " + DhcpOption.tftpServerName("10.0.0.1").code());
                        try {
                            org.ztp4j.http.TlsConfig.selfSigned(java.nio.file.Path.of("tls"), "localhost");
                            System.out.println("tls: no error");
                        } catch (IllegalStateException e) {
                            System.out.println("tls: " + e.getMessage());
                        }
                        var inventory = org.ztp4j.core.inventory.CsvInventory.parse("app.csv",
                                "hostname,serial,platform,mgmt_address,mgmt_gateway\\nleaf9,SAL9,nxos,10.0.0.9/24,10.0.0.1\\n"
                                + "box1,ACME1,acme,10.0.0.10/24,10.0.0.1\\n");
                        RecordingListener events = new RecordingListener();
                        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                                .listener(events).tftpPort(0).httpPort(0).build().start()) {
                            System.out.print(ztp.day0Config("nxos", inventory.byHostname("leaf9").orElseThrow()));
                            System.out.print(ztp.day0Config("acme", inventory.byHostname("box1").orElseThrow()));
                            System.out.println("problems " + ztp.problems());
                        }
                    }
                }
                """);
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Processes.run(tmp, bin.resolve("javac").toString(), "-d", tmp.resolve("out").toString(),
                "--module-path", modulePath, "--module-source-path", src.toString(), "-m", "app,acme.adapter");
        Files.copy(src.resolve("acme.adapter/acme/templates/acme/day0.cfg"),
                Files.createDirectories(tmp.resolve("out/acme.adapter/acme/templates/acme")).resolve("day0.cfg"));

        Processes.Result run = Processes.run(tmp, bin.resolve("java").toString(), "--module-path",
                modulePath + File.pathSeparator + tmp.resolve("out"), "--add-modules", "acme.adapter", "-m", "app/app.Main");
        assertThat(run.stdout()).startsWith("[acme, aoscx, cumulus, eos, ios, iosxe, junos, nxos, pnp, sonic, srlinux]\n")
                .contains("tftp true http true\n", "option 66\n", "tls: TlsConfig.selfSigned needs Bouncy Castle, an optional dependency of ztp-http",
                        "hostname leaf9\n", "  ip address 10.0.0.9/24\n",
                        "acme-hostname box1\n", "problems []\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** ztp4j's modules (jars or class folders) and what they need at run time; no test jars (they split packages). */
    private static boolean isRuntimeModule(String entry) {
        String name = Path.of(entry).getFileName().toString();
        if (entry.endsWith("test-classes") || name.contains("tests")) {
            return false;
        }
        return entry.matches(".*/ztp-(core|tftp|http|dhcp|platforms|server|testkit)/target/classes")
                || name.matches("ztp-(core|tftp|http|dhcp|platforms|server|testkit)-[0-9].*\\.jar")
                || name.startsWith("compiler-") || name.startsWith("slf4j-api") || name.startsWith("netty-")
                || name.startsWith("flyway-core-") || name.startsWith("postgresql-") // ztp-server's store
                || name.startsWith("junit-jupiter-api") || name.startsWith("junit-platform-commons")
                || name.startsWith("opentest4j") || name.startsWith("apiguardian");
    }
}
