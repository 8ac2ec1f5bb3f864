package org.ztp4j.core.status;

import java.util.Objects;

/**
 * How far the latest image transfer to a device got.
 *
 * @param path       the file
 * @param bytesSent  bytes sent so far (0 or more)
 * @param totalBytes the file's size, or -1 when not known
 * @param finished   true once the whole file reached the device
 */
public record TransferStatus(String path, long bytesSent, long totalBytes, boolean finished) {

    /** @throws IllegalArgumentException naming the bad value */
    public TransferStatus {
        Objects.requireNonNull(path, "path");
        if (bytesSent < 0) {
            throw new IllegalArgumentException("transfer of " + path + ": bytes sent " + bytesSent + " is negative");
        }
        if (totalBytes < -1) {
            throw new IllegalArgumentException("transfer of " + path + ": total " + totalBytes + " is neither a size nor -1");
        }
    }

    /** @return whole percent done (0..100), or -1 when the total is not known */
    public int percent() {
        if (finished) {
            return 100;
        }
        if (totalBytes <= 0) {
            return totalBytes == 0 ? 100 : -1;
        }
        return (int) Math.min(100, bytesSent * 100 / totalBytes);
    }
}
