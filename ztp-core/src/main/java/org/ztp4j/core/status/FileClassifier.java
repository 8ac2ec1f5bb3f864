package org.ztp4j.core.status;

import java.util.Locale;

/**
 * Tells from a requested path what kind of file it is, so that a {@link DeviceStatusBoard} knows
 * whether serving it moved the device on to "script served", "config served" or "image
 * transferring". Replace the {@linkplain #byExtension() default} when your files are named
 * otherwise:
 *
 * <pre>{@code
 * FileClassifier mine = path -> path.startsWith("images/") ? FileKind.IMAGE
 *         : FileClassifier.byExtension().classify(path);
 * }</pre>
 */
@FunctionalInterface
public interface FileClassifier {

    /**
     * @param path the path as the device asked for it (never {@code null})
     * @return what kind of file it is (never {@code null})
     */
    FileKind classify(String path);

    /**
     * The default, by the file name's ending (case ignored): {@code .md5}, {@code .sha256},
     * {@code .sha512} are {@link FileKind#SIDECAR}; {@code .py} is {@link FileKind#SCRIPT};
     * {@code .bin} (so also {@code .SPA.bin}), {@code .img}, {@code .iso}, {@code .tar} are
     * {@link FileKind#IMAGE}; anything else is {@link FileKind#CONFIG}.
     *
     * @return the default classifier
     */
    static FileClassifier byExtension() {
        return path -> {
            String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (name.endsWith(".md5") || name.endsWith(".sha256") || name.endsWith(".sha512")) {
                return FileKind.SIDECAR;
            }
            if (name.endsWith(".py")) {
                return FileKind.SCRIPT;
            }
            if (name.endsWith(".bin") || name.endsWith(".img") || name.endsWith(".iso") || name.endsWith(".tar")) {
                return FileKind.IMAGE;
            }
            return FileKind.CONFIG;
        };
    }
}
