package org.ztp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.files.InMemoryFileProvider;

class DelegatingFileProviderTest {

    @Test
    void aRequestThatArrivesBeforeTheChainIsSetWaitsForItInsteadOfGettingNotFound() throws Exception {
        DelegatingFileProvider p = new DelegatingFileProvider("test files");
        FileRequest req = new FileRequest("conf.SAL1", new InetSocketAddress("127.0.0.1", 1000), Protocol.TFTP, null);
        CompletableFuture<Optional<FileResource>> early = CompletableFuture.supplyAsync(() -> {
            try {
                return p.open(req);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(200);
        assertThat(early).isNotDone();
        p.delegate(new InMemoryFileProvider().put("conf.SAL1", "hostname leaf1\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(early.get(5, TimeUnit.SECONDS)).isPresent();
    }
}
