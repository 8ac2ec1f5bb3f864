package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.files.InMemoryFileProvider;

/**
 * A copy of a read request that reaches the server after its transfer ended (the client resent it
 * under load) must not start the transfer again: a client that reuses its port would take the old
 * file as the answer to its next request. Found by the 5,000-device fleet benchmark.
 */
class TftpLateDuplicateIT {

    static final byte[] A = "hostname a\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] B = "hostname b\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aLateCopyOfAFinishedRequestIsIgnoredButTheNextRequestIsServed() throws Exception {
        InMemoryFileProvider files = new InMemoryFileProvider().put("a.cfg", A).put("b.cfg", B);
        try (TftpServer server = TftpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(files).timeout(Duration.ofSeconds(1)).build().start();
             TestTftpClient client = new TestTftpClient(500, 4)) {
            InetSocketAddress address = server.localAddress();
            assertThat(client.get(address, "a.cfg", Map.of()).data()).isEqualTo(A);

            client.send(TestTftpClient.request(1, "a.cfg", "octet", Map.of()), address);
            assertThat(client.receive(800)).as("an answer to the late copy").isNull();

            assertThat(client.get(address, "b.cfg", Map.of()).data()).as("the next request, same port").isEqualTo(B);
            assertThat(client.get(address, "a.cfg", Map.of()).data()).as("a.cfg again, after another request").isEqualTo(A);
            assertThat(server.activeTransfers()).isZero();
        }
    }

    @Test
    void aNewRequestFromAPortWhoseLastAckIsStillOnTheWayIsServedAtOnce() throws Exception {
        // Commons Net's client keeps its port and sends its next request right after the final ACK;
        // the server may read the request first. Here the final ACK never comes at all.
        InMemoryFileProvider files = new InMemoryFileProvider().put("a.cfg", A).put("b.cfg", B);
        try (TftpServer server = TftpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(files).timeout(Duration.ofSeconds(2)).build().start();
             TestTftpClient client = new TestTftpClient(500, 4)) {
            InetSocketAddress address = server.localAddress();
            client.send(TestTftpClient.request(1, "a.cfg", "octet", Map.of()), address);
            java.net.DatagramPacket data = client.receive(2000);
            assertThat(data).isNotNull();
            assertThat(data.getLength()).isEqualTo(4 + A.length);

            client.send(TestTftpClient.request(1, "b.cfg", "octet", Map.of()), address);
            java.net.DatagramPacket next = client.receive(1000);
            assertThat(next).as("an answer to the new request without waiting for a resend").isNotNull();
            assertThat(new String(next.getData(), 4, next.getLength() - 4, StandardCharsets.US_ASCII)).isEqualTo("hostname b\n");
            client.send(TestTftpClient.ack(1), (InetSocketAddress) next.getSocketAddress());
        }
    }
}
