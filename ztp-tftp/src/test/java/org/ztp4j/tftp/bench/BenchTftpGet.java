package org.ztp4j.tftp.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Downloads one file over TFTP for the bench scripts: {@code BenchTftpGet PORT NAME BLKSIZE
 * WINDOWSIZE} reads NAME from 127.0.0.1:PORT and prints {@code bytes=N crc32=HEX oack=...}; exits
 * 1 when the read fails. Not a test.
 */
public final class BenchTftpGet {

    private BenchTftpGet() {
    }

    /**
     * @param args port, file name, blksize, windowsize
     * @throws Exception when the socket fails
     */
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        try (BenchTftpClient client = new BenchTftpClient(2000, 10)) {
            BenchTftpClient.Result r = client.read(server, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            System.out.println("bytes=" + r.bytes() + " crc32=" + Long.toHexString(r.crc32()) + " oack=" + r.oack().replace(' ', ','));
            if (!r.ok()) {
                System.out.println("error=" + r.errorCode() + " " + r.message());
                System.exit(1);
            }
        }
    }
}
