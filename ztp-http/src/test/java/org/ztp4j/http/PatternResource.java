package org.ztp4j.http;

import java.io.InputStream;
import java.util.OptionalLong;
import org.ztp4j.core.FileResource;

/**
 * A generated resource that is not a file: byte {@code i} is {@link #byteAt(long)}, produced on the
 * fly so that even a 512 MiB resource costs no memory.
 *
 * @param name      its name
 * @param length    how many bytes it has
 * @param sizeKnown whether {@link #size()} tells the length (false forces chunked responses)
 */
record PatternResource(String name, long length, boolean sizeKnown) implements FileResource {

    static byte byteAt(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    static byte[] bytes(long from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = byteAt(from + i);
        }
        return b;
    }

    @Override
    public OptionalLong size() {
        return sizeKnown ? OptionalLong.of(length) : OptionalLong.empty();
    }

    @Override
    public InputStream openStream() {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < length ? byteAt(position++) & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = byteAt(position + i);
                }
                position += n;
                return n;
            }
        };
    }
}
