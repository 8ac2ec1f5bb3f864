package org.ztp4j.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.inventory.InventoryException;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;

/**
 * Reloads a running facade's inputs when their files change: a CSV inventory with a file, the
 * folder of user templates, and the API's token file. A change that does not load (a bad row, a template that does not
 * parse) is logged once and the last good one keeps being served.
 *
 * <p>A file is read only once it is complete: replaced by rename (it is another file now, whole),
 * or written in place and then unchanged for one interval. A half-written inventory would load
 * without the devices still to be written, and they would vanish from service until the write ended.
 */
final class ChangeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);

    private final Provisioning provisioning;
    private final ScheduledExecutorService timer;
    private FileTime templatesSeen;
    /** The newest template time seen at the last tick that differed from {@link #templatesSeen}: settling. */
    private FileTime templatesPending;
    private Stamp inventoryTried;
    /** The inventory file as the last tick saw it, changed but maybe still being written. */
    private Stamp inventoryPending;
    /** The token file as last read, and as last seen changed but maybe still being written. */
    private Stamp tokensTried;
    private Stamp tokensPending;

    /**
     * What tells one state of a file from another: its modification time, size and identity.
     *
     * @param modified its modification time
     * @param size     its size
     * @param key      the file's identity (device and inode), or null where the file system has none
     */
    record Stamp(FileTime modified, long size, Object key) {

        static Stamp of(Path f) throws IOException {
            var a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        }

        /** @return whether the file was replaced by another one (a rename), rather than written in place */
        boolean replaces(Stamp before) {
            return before != null && key != null && !key.equals(before.key);
        }
    }

    ChangeWatcher(Provisioning provisioning, Duration every) {
        this.provisioning = provisioning;
        try {
            this.templatesSeen = newestTemplate();
            Path f = inventoryFile();
            this.inventoryTried = f == null ? null : Stamp.of(f);
            Path t = tokenFile();
            this.tokensTried = t == null ? null : Stamp.of(t);
        } catch (IOException e) {
            LOG.warn("watching for changes: {}", e.toString());
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ztp-reload");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::reloadIfChanged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Path inventoryFile() {
        return provisioning.inventory() instanceof CsvInventory csv ? csv.file() : null;
    }

    private Path tokenFile() {
        return provisioning.apiGate().access().file().orElse(null);
    }

    void reloadIfChanged() {
        reloadInventory();
        reloadTokens();
        Path dir = provisioning.templatesDirectory();
        try {
            FileTime newest = newestTemplate();
            if (newest != null && !newest.equals(templatesSeen)) {
                if (!newest.equals(templatesPending)) {
                    templatesPending = newest; // changed since the last look: reload once it settles
                    return;
                }
                templatesSeen = newest;
                templatesPending = null;
                checkTemplates(dir);
                provisioning.reloadTemplates();
                LOG.info("templates in {} reloaded", dir);
            }
        } catch (TemplateException | IOException e) {
            LOG.warn("templates in {} not reloaded, still serving the last good ones: {}", dir, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("reloading the templates in {} failed: {}", dir, e.toString());
        }
    }

    /** Reads the inventory again when its file changed; a bad file is reported once per change. */
    private void reloadInventory() {
        Path f = inventoryFile();
        if (f == null) {
            return;
        }
        CsvInventory inventory = (CsvInventory) provisioning.inventory();
        try {
            Stamp now = Stamp.of(f);
            if (now.equals(inventoryTried)) {
                inventoryPending = null;
                return;
            }
            if (!now.replaces(inventoryTried) && !now.equals(inventoryPending)) {
                inventoryPending = now; // written in place, maybe not to the end yet: read it once it settles
                LOG.debug("inventory {} changed; reading it once it is unchanged for a moment", f);
                return;
            }
            inventoryTried = now;
            inventoryPending = null;
            // Checked as at start, before it replaces anything: a device the new file cannot serve
            // (an unknown platform, a variable nobody gives) keeps the last good inventory in place.
            CsvInventory fresh = CsvInventory.load(f);
            List<String> problems = provisioning.problems(fresh);
            if (!problems.isEmpty()) {
                LOG.warn("inventory {} not reloaded, still serving the last good one: {}", f, String.join("; ", problems));
                return;
            }
            inventory.replaceWith(fresh); // exactly the load that was checked, not a second read of the file
            provisioning.statusBoard().seed(inventory);
            LOG.info("inventory {} reloaded: {} devices", f, inventory.devices().size());
            provisioning.warnings(fresh).forEach(w -> LOG.warn("inventory {}: {}", f, w));
        } catch (InventoryException | IOException e) {
            LOG.warn("inventory {} not reloaded, still serving the last good one: {}", f, e.getMessage());
        } catch (RuntimeException e) {
            // Never let an unexpected failure end the watcher's schedule for good: say so, try again next change.
            LOG.warn("reloading the inventory {} failed, still serving the last good one: {}", f, e.toString());
        }
    }

    /** Reads the API token file again once a change has settled; a bad file keeps the tokens read before. */
    private void reloadTokens() {
        Path f = tokenFile();
        if (f == null) {
            return;
        }
        try {
            Stamp now = Stamp.of(f);
            if (now.equals(tokensTried)) {
                tokensPending = null;
                return;
            }
            if (!now.replaces(tokensTried) && !now.equals(tokensPending)) {
                tokensPending = now;
                return;
            }
            tokensTried = now;
            tokensPending = null;
            provisioning.apiGate().access().reload();
            LOG.info("API tokens {} reloaded: {} tokens", f, provisioning.apiGate().access().size());
        } catch (IllegalArgumentException | IOException e) {
            // the message names file and line, never a token
            LOG.warn("API tokens {} not reloaded, the tokens read before stay in force: {}", f, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("reloading the API tokens {} failed, the tokens read before stay in force: {}", f, e.toString());
        }
    }

    /** Parses every template in the folder before swapping, so a broken edit never replaces a good set. */
    private static void checkTemplates(Path dir) throws IOException {
        TemplateSet fresh = TemplateSet.ofDirectory(dir);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                fresh.check(dir.relativize(f).toString().replace('\\', '/'));
            }
        }
    }

    private FileTime newestTemplate() throws IOException {
        Path dir = provisioning.templatesDirectory();
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path f : files.toList()) {
                FileTime t = Files.getLastModifiedTime(f);
                if (t.compareTo(newest) > 0) {
                    newest = t;
                }
            }
            return newest;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
