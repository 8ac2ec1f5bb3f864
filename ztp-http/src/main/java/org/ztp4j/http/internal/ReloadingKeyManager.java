package org.ztp4j.http.internal;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's key and certificate, read again from their files when they change, so that a
 * renewed certificate is used without a restart: each new handshake asks this key manager, which
 * answers from the material loaded last. {@link #checkForChange()} is called every second or so.
 *
 * <p>A change is read only once it has settled: the files (their modification time, size and
 * identity) the same at two checks in a row, so that a file still being written, or a pair of
 * which only one file has been replaced yet, is not taken. A pair that does not load (a broken
 * file, a key that does not match the certificate) is logged once, and the material in use stays.
 *
 * <p>An alias handed to the engine carries the generation of the material it came from, so that a
 * handshake that chose an alias just before a reload still gets that material's key and chain.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

    /** Loads the key material from its files. */
    public interface Loader {
        /**
         * @return the key managers of the material as the files hold it now
         * @throws IOException naming the file and what is wrong with it
         */
        KeyManagerFactory load() throws IOException;
    }

    /** One loaded state of the files. */
    private record Generation(int number, X509ExtendedKeyManager keys) {
    }

    /**
     * What tells one state of a file from another.
     *
     * @param modified its modification time, or null when it cannot be read
     * @param size     its size
     * @param key      its identity (device and inode), or null
     */
    private record Stamp(FileTime modified, long size, Object key) {

        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (IOException e) {
                return new Stamp(null, -1, null);
            }
        }
    }

    private final String description;
    private final List<Path> files;
    private final Loader loader;
    private volatile Generation current;
    private volatile Generation previous;

    // Touched by checkForChange only, which the caller never runs twice at once.
    private List<Stamp> tried;
    private List<Stamp> pending;

    /**
     * Loads the material once.
     *
     * @param description what the material is, for the log
     * @param files       the files it is read from
     * @param loader      reads them
     * @throws IOException when the first load fails
     */
    public ReloadingKeyManager(String description, List<Path> files, Loader loader) throws IOException {
        this.description = description;
        this.files = List.copyOf(files);
        this.loader = loader;
        this.tried = stamps();
        this.current = new Generation(1, extended(loader.load()));
    }

    /**
     * Reads the files again if they changed and have settled since the last check; keeps the
     * material in use when they do not load.
     *
     * @return true when new material was loaded
     */
    public boolean checkForChange() {
        List<Stamp> now = stamps();
        if (now.equals(tried)) {
            pending = null;
            return false;
        }
        if (!now.equals(pending)) {
            pending = now; // changed since the last look: wait for one more check without change
            return false;
        }
        pending = null;
        tried = now;
        try {
            X509ExtendedKeyManager keys = extended(loader.load());
            Generation next = new Generation(current.number() + 1, keys);
            previous = current;
            current = next;
            X509Certificate leaf = leaf(next);
            LOG.info("HTTPS: {} changed; new connections get the certificate {} (serial {}, valid until {})", description,
                    leaf == null ? "?" : leaf.getSubjectX500Principal().getName(), leaf == null ? "?" : leaf.getSerialNumber().toString(16),
                    leaf == null ? "?" : leaf.getNotAfter().toInstant());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("HTTPS: {} changed but cannot be used, so the certificate in use stays: {}", description, e.getMessage());
            return false;
        }
    }

    /** @return the certificate new handshakes get, or null when the material names none */
    public X509Certificate certificate() {
        return leaf(current);
    }

    private static X509Certificate leaf(Generation g) {
        String[] aliases = g.keys().getServerAliases("EC", null);
        if (aliases == null || aliases.length == 0) {
            aliases = g.keys().getServerAliases("RSA", null);
        }
        if (aliases == null || aliases.length == 0) {
            return null;
        }
        X509Certificate[] chain = g.keys().getCertificateChain(aliases[0]);
        return chain == null || chain.length == 0 ? null : chain[0];
    }

    private List<Stamp> stamps() {
        List<Stamp> s = new ArrayList<>(files.size());
        for (Path f : files) {
            s.add(Stamp.of(f));
        }
        return s;
    }

    private static X509ExtendedKeyManager extended(KeyManagerFactory factory) throws IOException {
        for (KeyManager k : factory.getKeyManagers()) {
            if (k instanceof X509ExtendedKeyManager x) {
                return x;
            }
        }
        throw new IOException("the key material has no X.509 key manager");
    }

    // ---- the key manager the TLS engine asks: aliases are "<generation>:<alias>" ----

    private String tag(Generation g, String alias) {
        return alias == null ? null : g.number() + ":" + alias;
    }

    private String[] tag(Generation g, String[] aliases) {
        if (aliases == null) {
            return null;
        }
        String[] tagged = new String[aliases.length];
        for (int i = 0; i < aliases.length; i++) {
            tagged[i] = tag(g, aliases[i]);
        }
        return tagged;
    }

    /** An alias handed out, resolved: the generation it came from and the alias inside it. */
    private record Tagged(Generation generation, String alias) {
    }

    /** @return the generation and the alias inside it, or null when the alias is none of ours */
    private Tagged untag(String alias) {
        if (alias == null) {
            return null;
        }
        int colon = alias.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String number = alias.substring(0, colon);
        for (Generation g : new Generation[] {current, previous}) {
            if (g != null && Objects.equals(Integer.toString(g.number()), number)) {
                return new Tagged(g, alias.substring(colon + 1));
            }
        }
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation g = current;
        return tag(g, g.keys().getServerAliases(keyType, issuers));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation g = current;
        return tag(g, g.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation g = current;
        return tag(g, g.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Tagged found = untag(alias);
        return found == null ? null : found.generation().keys().getCertificateChain(found.alias());
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Tagged found = untag(alias);
        return found == null ? null : found.generation().keys().getPrivateKey(found.alias());
    }

    /** A server key manager: it never acts as a client. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    /** A server key manager: it never acts as a client. */
    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    /** A server key manager: it never acts as a client. */
    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
