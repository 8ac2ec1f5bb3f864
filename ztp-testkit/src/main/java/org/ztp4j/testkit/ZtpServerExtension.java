package org.ztp4j.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.server.Provisioning;

/**
 * A JUnit 5 fixture that runs a whole ZTP server, TFTP and HTTP on free loopback ports, around the
 * tests of a class, so a user's CI can check its own templates and adapters end to end.
 *
 * <pre>{@code
 * class MyTemplatesIT {
 *     @RegisterExtension
 *     static ZtpServerExtension ztp = ZtpServerExtension.builder()
 *             .inventory(CsvInventory.load(Path.of("devices.csv")))
 *             .globals(SampleInventory.GLOBALS)
 *             .configure(b -> b.templates(Path.of("templates")))
 *             .build();
 *
 *     @Test
 *     void nxosSwitchGetsItsDay0(@TempDir Path tmp) throws Exception {
 *         EmulatedDevice leaf = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
 *         var run = leaf.fetch(ztp.tftpUrl("poap.py"), tmp.resolve("poap.py"), DeviceHost.loopback("127.0.0.1"));
 *         ...
 *         assertThat(ztp.events().of(ProvisioningEvent.FileServed.class)).isNotEmpty();
 *     }
 * }
 * }</pre>
 */
public final class ZtpServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Inventory inventory;
    private final Map<String, String> globals;
    private final Consumer<Provisioning.Builder> configure;
    private final RecordingListener events = new RecordingListener();
    private Provisioning provisioning;

    private ZtpServerExtension(Builder b) {
        this.inventory = b.inventory != null ? b.inventory : SampleInventory.inventory();
        this.globals = Map.copyOf(b.globals);
        this.configure = b.configure;
    }

    /** @return a builder; with nothing set, it serves {@link SampleInventory} with its globals */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /**
     * Starts the server; {@link #beforeAll} does this for a registered extension.
     *
     * @return the running facade
     * @throws IOException when a port cannot be bound
     */
    public synchronized Provisioning start() throws IOException {
        if (provisioning == null) {
            Provisioning.Builder b = Provisioning.builder().inventory(inventory).globals(globals)
                    .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(0).listener(events);
            configure.accept(b);
            provisioning = b.build().start();
        }
        return provisioning;
    }

    /** Stops the server; {@link #afterAll} does this for a registered extension. */
    public synchronized void stop() {
        if (provisioning != null) {
            provisioning.close();
            provisioning = null;
        }
    }

    /**
     * @return the running facade
     * @throws IllegalStateException when not started
     */
    public synchronized Provisioning provisioning() {
        if (provisioning == null) {
            throw new IllegalStateException("the ZTP server is not running: register the extension with @RegisterExtension");
        }
        return provisioning;
    }

    /** @return every event the server has emitted so far */
    public RecordingListener events() {
        return events;
    }

    /**
     * @param path a served path such as {@code poap.py}
     * @return its TFTP URL, {@code tftp://127.0.0.1:PORT/poap.py}
     */
    public String tftpUrl(String path) {
        return "tftp://" + provisioning().bootServers().tftpAuthority() + "/" + strip(path);
    }

    /**
     * @param path a served path such as {@code ztp/iosxe.py}
     * @return its HTTP URL
     */
    public URI httpUrl(String path) {
        return URI.create(provisioning().bootServers().httpBase() + "/" + strip(path));
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** Configures a {@link ZtpServerExtension}. */
    public static final class Builder {
        private Inventory inventory;
        private final Map<String, String> globals = new LinkedHashMap<>(SampleInventory.GLOBALS);
        private Consumer<Provisioning.Builder> configure = b -> { };

        private Builder() {
        }

        /** @param devices the devices to serve (default: {@link SampleInventory}) @return this builder */
        public Builder inventory(Inventory devices) {
            this.inventory = Objects.requireNonNull(devices, "inventory");
            return this;
        }

        /** @param values variables every template sees, added to {@link SampleInventory#GLOBALS} @return this builder */
        public Builder globals(Map<String, String> values) {
            globals.putAll(values);
            return this;
        }

        /**
         * @param customizer anything else to set on the facade (templates, settings, adapters, listeners)
         * @return this builder
         */
        public Builder configure(Consumer<Provisioning.Builder> customizer) {
            this.configure = this.configure.andThen(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /** @return the extension, to register with {@code @RegisterExtension} */
        public ZtpServerExtension build() {
            return new ZtpServerExtension(this);
        }
    }

    @Override
    public String toString() {
        return "ZTP server fixture" + (provisioning == null ? " (stopped)" : " " + provisioning);
    }

}
