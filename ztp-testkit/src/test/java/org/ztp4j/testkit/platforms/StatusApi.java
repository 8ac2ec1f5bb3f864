package org.ztp4j.testkit.platforms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.server.Provisioning;

/** Reads a device's state from a running server's status API, {@code GET /api/devices}, as an operator's tool does. */
final class StatusApi {

    private StatusApi() {
    }

    /**
     * @param ztp      a started server with its status page on
     * @param hostname the device
     * @return its {@code state} in the JSON, or the whole JSON when the device is not there
     */
    static String state(Provisioning ztp, String hostname) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/api/devices");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return answer.statusCode() + " " + answer.body();
        }
        for (String device : answer.body().split("\\{\"key\":")) {
            if (device.contains("\"hostname\":\"" + hostname + "\"")) {
                Matcher state = Pattern.compile("\"state\":\"([^\"]*)\"").matcher(device);
                return state.find() ? state.group(1) : device;
            }
        }
        return answer.body();
    }
}
