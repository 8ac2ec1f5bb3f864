package org.ztp4j.core;

import java.util.List;
import java.util.Optional;
import org.ztp4j.core.http.HttpEndpoint;

/**
 * Everything ztp4j knows about one kind of device: how to recognise it, what its DHCP offer must
 * say, which files it asks for and how to render them, and how to tell which device is asking.
 *
 * <p>Adapters are found with {@link java.util.ServiceLoader} ({@link PlatformAdapters#discover()}):
 * a custom adapter is one class implementing this interface plus one line naming it in
 * {@code META-INF/services/org.ztp4j.core.PlatformAdapter} (or a {@code provides} clause in its
 * {@code module-info}). It needs nothing but this SPI and ztp-core.
 *
 * <p>The default for every adapter is a <em>reachability day-0</em>: host name, management address
 * and route, a local user, SSH. Image upgrades and full configurations are opt-ins named in
 * {@link PlatformContext#settings()}, each one an adapter declares in {@link #settings()}.
 *
 * <p>Every call takes one {@link PlatformContext}: the boot offer, the files, the day-0 and the HTTP
 * endpoints all see the same inventory, servers and settings, whether a running server or a
 * {@code ztp dhcp} command asks.
 *
 * <pre>{@code
 * public final class EosZtpAdapter implements PlatformAdapter {
 *     public String id() { return "eos"; }
 *     public String displayName() { return "Arista EOS ZTP"; }
 *     public boolean recognises(DhcpFingerprint dhcp) { return dhcp.vendorClassStartsWith("Arista"); }
 *     public BootOffer bootOffer(PlatformContext context) {
 *         return new BootOffer("eos", BootOffer.VENDOR_CLASS, "Arista", context.servers().httpUrl("eos/bootstrap"), false);
 *     }
 *     public FileProvider files(PlatformContext context) { ... }
 * }
 * }</pre>
 */
public interface PlatformAdapter {

    /** @return a short lower-case id ({@code nxos}, {@code ios}, {@code iosxe}); also the settings prefix */
    String id();

    /** @return a name for people ({@code Cisco NX-OS POAP}) */
    String displayName();

    /**
     * Recognises a device of this platform by what it sends in DHCP, for an application that
     * classifies DHCP requests it sees (a relay, a lease hook). ztp4j's servers do not call it: the
     * DHCP server picks a platform's offer by {@link #bootOffer}'s match. Default: false, for a
     * platform whose DHCP requests carry nothing documented to tell it apart.
     *
     * @param dhcp what the device's DISCOVER or REQUEST carried
     * @return true when it is one of this platform's devices in ZTP mode
     */
    default boolean recognises(DhcpFingerprint dhcp) {
        return false;
    }

    /**
     * What this platform's devices need in their DHCP offer, with the user's settings applied (for
     * example IOS-XE's {@code iosxe.transfer=tftp} names a file instead of a URL).
     *
     * @param context where devices reach the servers ({@link PlatformContext#servers()}) and the settings
     * @return the offer
     * @throws IllegalArgumentException naming the setting when a setting is invalid
     */
    BootOffer bootOffer(PlatformContext context);

    /**
     * Whether this platform's devices can provision under {@link Day0Access#TOKEN}: the boot file
     * their own DHCP reservation names carries their token ({@link #deviceBootfile}, or the option
     * {@link #deviceOptions} gives in its place), and every
     * per-device file they fetch after it carries it on. A platform whose devices fetch a per-device
     * file under a name no reservation can give them (a file named in option 43, or chosen by a
     * protocol of the device's own) answers false, and an inventory holding such a device under
     * {@link Day0Access#TOKEN} is refused at load, naming the device and platform. Default: false.
     *
     * @return true when the platform carries device tokens
     */
    default boolean carriesDeviceTokens() {
        return false;
    }

    /**
     * The boot file name or URL one device's own DHCP reservation carries, when it must differ from
     * the platform's offer: under {@link Day0Access#TOKEN}, the offer's with the device's
     * {@code t/<token>/} before its path ({@link DeviceAccess#bootfile}).
     *
     * @param device  the device
     * @param context the context, whose {@link PlatformContext#access()} says the mode and tokens
     * @return its own boot file, or empty when the platform's offer serves it as it is
     */
    default java.util.Optional<String> deviceBootfile(DeviceRecord device, PlatformContext context) {
        String shared = bootOffer(context).bootfile();
        String own = context.access().bootfile(shared, device);
        return own == null || own.equals(shared) ? java.util.Optional.empty() : java.util.Optional.of(own);
    }

    /**
     * Further options one device's own DHCP reservation carries in place of the offer's options of
     * the same codes, when they must differ from the offer's: under {@link Day0Access#TOKEN}, the
     * option that names the first file the device fetches (Junos's option 43 sub-option 1, Cumulus
     * Linux's option 239) with the device's token in it. Each has the code and type of one of the
     * offer's options. Default: none.
     *
     * @param device  the device
     * @param context the context, whose {@link PlatformContext#access()} says the mode and tokens
     * @return its own options, or an empty list when the platform's offer serves it as it is
     */
    default List<BootOption> deviceOptions(DeviceRecord device, PlatformContext context) {
        return List.of();
    }

    /**
     * The files this platform's devices ask for: bootstrap scripts, day-0 configurations, checksum
     * sidecars. The provider returns empty for names that are not its own, so adapters can be
     * chained; it identifies the requesting device itself (by file name, by lease, by a serial in
     * the URL) and reports it with {@link ProvisioningEvent.DeviceIdentified}.
     *
     * @param context the inventory, templates, servers, leases, listener and settings
     * @return the provider
     */
    FileProvider files(PlatformContext context);

    /**
     * Renders the day-0 configuration a device gets: by default the reachability day-0 (host name,
     * management address and route, local user, SSH), more only where the settings opt in.
     *
     * @param device  the inventory record
     * @param context the templates, globals and settings
     * @return the configuration text, exactly as served
     * @throws org.ztp4j.core.template.TemplateException naming the template, variable and device when
     *                                                   the device lacks a value the template needs
     */
    String day0Config(DeviceRecord device, PlatformContext context);

    /**
     * Tells which device is behind a request, without serving anything: for status pages and logs.
     * The default knows nothing.
     *
     * @param request a request this platform's provider would answer
     * @param context the inventory, leases and settings
     * @return the device, if this adapter can tell
     */
    default Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return Optional.empty();
    }

    /**
     * What this platform will not serve as the inventory may mean, although nothing stops the
     * server: for example two IOS devices whose host names cut to 8 characters are the same, so
     * that neither gets the {@code <hostname8>.cfg} they would both ask for. The runtime logs these
     * when the inventory is loaded and reloaded, and lists them ({@code Provisioning.warnings()}).
     * The default has none.
     *
     * @param devices the inventory to look at (on a reload, the one about to be served)
     * @param context the templates, globals and settings
     * @return one line per warning, naming the devices concerned
     */
    default List<String> warnings(Inventory devices, PlatformContext context) {
        return List.of();
    }

    /**
     * The settings this adapter reads, {@code <id>.<name>} each, with type, default and description:
     * {@link PlatformSettings#check} refuses any other key that names this platform, and
     * {@code ztp platforms} lists them. The default declares none.
     *
     * @return the declared settings
     */
    default List<PlatformSetting<?>> settings() {
        return List.of();
    }

    /**
     * The path prefixes this adapter answers over HTTP beyond its files (IOS-XE takes result
     * reports at {@code /ztp/report}), known before any server starts. The default is none.
     *
     * @return prefixes starting with {@code /}
     */
    default List<String> httpPrefixes() {
        return List.of();
    }

    /**
     * @param prefix  one of {@link #httpPrefixes()}
     * @param context the context, with the servers as devices reach them
     * @return the endpoint for that prefix
     * @throws IllegalArgumentException when the prefix is not one of this adapter's
     */
    default HttpEndpoint httpEndpoint(String prefix, PlatformContext context) {
        throw new IllegalArgumentException(id() + ": no HTTP endpoint at '" + prefix + "'");
    }
}
