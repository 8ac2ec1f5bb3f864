package org.ztp4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.junit.jupiter.api.Test;

class RouteTest {

    private static final HttpEndpoint NOTHING = request -> EndpointResponse.noContent();

    @Test
    void aPrefixWithTrailingSlashTakesItsBaseAndEverythingBelow() {
        Route api = new Route("/api/", NOTHING);
        assertThat(api.matches("/api")).isTrue();
        assertThat(api.matches("/api/")).isTrue();
        assertThat(api.matches("/api/devices")).isTrue();
        assertThat(api.matches("/apix")).isFalse();
        assertThat(api.matches("/ap")).isFalse();
    }

    @Test
    void aPrefixWithoutTrailingSlashMatchesWholeSegmentsOnly() {
        Route status = new Route("/status", NOTHING);
        assertThat(status.matches("/status")).isTrue();
        assertThat(status.matches("/status/json")).isTrue();
        assertThat(status.matches("/status.json")).isFalse();
    }

    @Test
    void theRootTakesOnlyTheRootSoThatFilesStayReachable() {
        Route index = new Route("/", NOTHING);
        assertThat(index.matches("/")).isTrue();
        assertThat(index.matches("/poap.py")).isFalse();
    }

    @Test
    void refusesPrefixesThatCouldNeverMatchARequestPath() {
        assertThatThrownBy(() -> new Route("api", NOTHING)).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> new Route("/a b", NOTHING)).hasMessageContaining("'/a b'");
        assertThatThrownBy(() -> new Route("/a?x", NOTHING)).hasMessageContaining("'/a?x'");
        assertThatThrownBy(() -> new Route("//a", NOTHING)).hasMessageContaining("empty path segment");
    }
}
