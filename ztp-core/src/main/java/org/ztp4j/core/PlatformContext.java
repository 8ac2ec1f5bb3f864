package org.ztp4j.core;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ztp4j.core.template.TemplateSet;

/**
 * What a {@link PlatformAdapter} works with: the inventory, the user's templates, the servers
 * devices reach, the leases, the listener, and the user's settings.
 *
 * <p>Settings are plain strings so that they can come from a command line or a properties file.
 * The reachability day-0 is always the default; what goes beyond it is an explicit opt-in, named
 * {@code <platform>.<setting>} (for example {@code nxos.image=nxos64-cs.10.4.3.F.bin},
 * {@code nxos.transfer=http}, {@code ios.save=true}). Adapters declare theirs
 * ({@link PlatformAdapter#settings()}) and read them typed with {@link #setting(PlatformSetting)};
 * {@link PlatformSettings#check} refuses keys no adapter declares.
 *
 * @param inventory the devices
 * @param templates the user's templates, looked up before the adapter's bundled ones (may be
 *                  {@code null}: the bundled ones only)
 * @param servers   where devices reach the servers
 * @param leases    DHCP leases, for devices known only by address ({@link LeaseLookup#NONE} if none)
 * @param listener  where events go
 * @param globals   variables every template sees (domain name, admin user, ...); device fields win
 * @param settings  opt-ins and choices, {@code <platform>.<setting>} to value
 * @param access    who may fetch a device's files and every device's secret ({@link DeviceAccess#open()} if {@code null})
 */
public record PlatformContext(Inventory inventory, TemplateSet templates, BootServers servers, LeaseLookup leases,
                              ProvisioningListener listener, Map<String, String> globals, Map<String, String> settings,
                              DeviceAccess access) {

    /** @throws NullPointerException when the inventory or servers are missing */
    public PlatformContext {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(servers, "servers");
        leases = leases == null ? LeaseLookup.NONE : leases;
        listener = listener == null ? ProvisioningListener.NONE : listener;
        globals = Map.copyOf(globals == null ? Map.of() : globals);
        settings = Map.copyOf(settings == null ? Map.of() : settings);
        access = access == null ? DeviceAccess.open() : access;
    }

    /**
     * A context whose devices' files are open to anyone ({@link DeviceAccess#open()}).
     *
     * @param inventory the devices
     * @param templates the user's templates, or {@code null}
     * @param servers   where devices reach the servers
     * @param leases    DHCP leases, or {@code null}
     * @param listener  where events go, or {@code null}
     * @param globals   variables every template sees, or {@code null}
     * @param settings  opt-ins and choices, or {@code null}
     */
    public PlatformContext(Inventory inventory, TemplateSet templates, BootServers servers, LeaseLookup leases,
                           ProvisioningListener listener, Map<String, String> globals, Map<String, String> settings) {
        this(inventory, templates, servers, leases, listener, globals, settings, null);
    }

    /**
     * Reads a declared setting, typed.
     *
     * @param setting the setting
     * @param <T>     its type
     * @return its value parsed, or its default when it is not given (or blank)
     * @throws IllegalArgumentException {@code "setting platform.name=value: ..."} when the value does not parse
     */
    public <T> T setting(PlatformSetting<T> setting) {
        return setting.parse(settings.get(setting.key()));
    }

    /**
     * The inventory device of a platform that holds the DHCP lease of an address: the lease's MAC,
     * then the inventory's device of that MAC. For a file every device of a platform asks for under
     * one name, whose request says nothing else about the device. Never a device whose inventory
     * management address equals the address: that is where a device will be, and anyone may ask
     * from there first.
     *
     * @param address  the address a request came from (may be {@code null})
     * @param platform the platform id the device must have
     * @return the device, when the leases know the address and the inventory its MAC on that platform
     */
    public Optional<DeviceRecord> leasedDevice(InetAddress address, String platform) {
        if (address == null) {
            return Optional.empty();
        }
        return leases.find(address)
                .filter(lease -> lease.mac() != null)
                .flatMap(lease -> inventory.byMac(lease.mac()))
                .filter(device -> platform.equals(device.platform()));
    }
}
