package org.ztp4j.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.Checksums;

/**
 * SHA-256 digests of files on disk, computed once per version of a file (its path, size and
 * modification time) on a background thread and kept for the most recent {@value #CAPACITY}
 * versions. For transfers that never pass the bytes through the JVM (HTTP's {@code sendfile}): the
 * first transfer of a version reads the file once more, from the page cache, while it is being
 * sent; later transfers of the same version cost nothing.
 */
public final class FileDigests {

    /** How many file versions are remembered. */
    static final int CAPACITY = 256;

    private static final FileDigests SHARED = new FileDigests(daemonThread());

    /**
     * One version of a file.
     *
     * @param path     the file, absolute
     * @param size     its size
     * @param modified its modification time
     */
    public record Version(Path path, long size, FileTime modified) {

        /**
         * @param file a file
         * @return its version now
         * @throws IOException when its attributes cannot be read
         */
        public static Version of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(file.toAbsolutePath(), a.size(), a.lastModifiedTime());
        }

        /** @return whether the file on disk is still this version */
        public boolean isCurrent() {
            try {
                return equals(of(path));
            } catch (IOException gone) {
                return false;
            }
        }
    }

    private final Executor executor;
    private final Map<Version, CompletableFuture<String>> known = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Version, CompletableFuture<String>> eldest) {
                    return size() > CAPACITY;
                }
            });

    /** @param executor where files are read and hashed */
    public FileDigests(Executor executor) {
        this.executor = executor;
    }

    /** @return the digests every server of this JVM shares */
    public static FileDigests shared() {
        return SHARED;
    }

    /**
     * @param version a file's version
     * @return its SHA-256 in lower-case hex once known, or {@code null} when the file could not be
     *         read or was no longer that version by the time it was read
     */
    public CompletableFuture<String> sha256(Version version) {
        CompletableFuture<String> digest;
        boolean mine = false;
        synchronized (known) {
            digest = known.get(version);
            if (digest == null) {
                digest = new CompletableFuture<>();
                known.put(version, digest);
                mine = true;
            }
        }
        if (mine) {
            CompletableFuture<String> result = digest;
            try {
                executor.execute(() -> compute(version, result));
            } catch (RuntimeException e) {
                forget(version, result);
            }
        }
        return digest;
    }

    private void compute(Version version, CompletableFuture<String> result) {
        try {
            String hex = Checksums.hex(version.path(), ChecksumAlgorithm.SHA256);
            if (version.isCurrent()) {
                result.complete(hex);
                return;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: no digest, and the next transfer tries again
        }
        forget(version, result);
    }

    private void forget(Version version, CompletableFuture<String> result) {
        known.remove(version, result);
        result.complete(null);
    }

    private static Executor daemonThread() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "ztp-file-digests");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
