package org.ztp4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ztp devices list|show|reset|retry|decommission|events --server URL [--token-file F]}: reads
 * and changes a running server's device board over its JSON API.
 *
 * <p>Exit codes: 0 done; 1 the server could not be reached, refused the token, or refused the action
 * (a retry of a device that did not fail); 2 bad usage or input, such as a device the server does not
 * know, each with one line on stderr naming it.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Read and change a running server's device board over its JSON API (the status page's /api/devices)."},
        subcommands = {DevicesCommand.ListDevices.class, DevicesCommand.Show.class, DevicesCommand.Reset.class,
            DevicesCommand.Retry.class, DevicesCommand.Decommission.class, DevicesCommand.Events.class})
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "say what to do: list, show SERIAL, reset SERIAL, retry SERIAL, decommission SERIAL or events SERIAL");
    }

    /** The options every sub-command takes. */
    static final class Server {
        @Option(names = "--server", required = true, paramLabel = "URL",
                description = "The server's HTTP base, such as http://127.0.0.1:8080.")
        String url;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A file holding the API token sent as 'Authorization: Bearer <token>' "
                        + "(its first line; a line '<role> <token>' as in the server's token file works too).")
        Path tokenFile;

        @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
                description = "How long to wait for the server (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        URI base() {
            URI u;
            try {
                u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--server " + url + ": not a URL");
            }
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("--server " + url + ": give an http:// or https:// URL with a host");
            }
            return u;
        }

        String token() throws IOException {
            if (tokenFile == null) {
                return null;
            }
            CliFiles.requireRegularFile(tokenFile);
            for (String line : Files.readAllLines(tokenFile, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                return parts[parts.length - 1];
            }
            throw new IllegalArgumentException("--token-file " + tokenFile + ": holds no token");
        }
    }

    /** A request's outcome that is not "done": exit 1 or 2 with its line. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exit;

        Refused(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /** Sends one request; returns the body of a 2xx answer. */
    static String request(Server server, String method, String path) throws IOException, InterruptedException {
        URI uri = URI.create(server.base() + path);
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(server.timeoutSeconds))
                .header("Accept", "application/json");
        String token = server.token();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        r.method(method, HttpRequest.BodyPublishers.noBody());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(server.timeoutSeconds)).build();
        HttpResponse<String> response;
        try {
            response = client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new Refused(1, server.url + ": cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new Refused(1, server.url + ": no answer within " + server.timeoutSeconds + " s");
        }
        int status = response.statusCode();
        String body = response.body().strip();
        if (status / 100 == 2) {
            return response.body();
        }
        String why = body.isEmpty() ? "HTTP " + status : body.lines().findFirst().orElse("") + " (HTTP " + status + ")";
        if (status == 404 && why.startsWith("no device")) {
            throw new Refused(2, why);
        }
        if (status == 401 || status == 403) {
            throw new Refused(1, server.url + ": refused: " + why + (server.tokenFile == null ? "; give --token-file" : ""));
        }
        if (status == 404) {
            throw new Refused(1, uri + ": " + why + " (is the status page on, and is this a ztp4j server?)");
        }
        throw new Refused(1, why);
    }

    static String segment(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Runs a sub-command, turning a refusal into its exit code and line. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Server server = new Server();

        @Override
        public final Integer call() throws Exception {
            try {
                run(spec.commandLine().getOut());
                return 0;
            } catch (Refused r) {
                spec.commandLine().getErr().println("ztp devices " + spec.name() + ": " + r.getMessage());
                return r.exit;
            }
        }

        abstract void run(PrintWriter out) throws Exception;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"One line per device: key, host name, platform, state, since when, last error."})
    static final class ListDevices extends Sub {
        @Option(names = "--json", description = "Print the server's JSON as it is.")
        boolean json;

        @Override
        void run(PrintWriter out) throws Exception {
            String body = request(server, "GET", "/api/devices");
            if (json) {
                out.println(body.strip());
                return;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> devices = (List<Map<String, Object>>) ((Map<String, Object>) JsonReader.parse(body)).get("devices");
            out.printf("%-20s %-20s %-8s %-18s %-24s %s%n", "KEY", "HOSTNAME", "PLATFORM", "STATE", "SINCE", "LAST ERROR");
            for (Map<String, Object> d : devices) {
                out.printf("%-20s %-20s %-8s %-18s %-24s %s%n", text(d.get("key")), text(d.get("hostname")), text(d.get("platform")),
                        text(d.get("state")), text(d.get("stateSince")), text(d.get("lastError")));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"One device: its state, timings and latest history."})
    static final class Show extends Sub {
        @Parameters(paramLabel = "SERIAL", description = "The device's key: its serial (else MAC, else address).")
        String key;

        @Option(names = "--json", description = "Print the server's JSON as it is.")
        boolean json;

        @Override
        void run(PrintWriter out) throws Exception {
            String body = request(server, "GET", "/api/devices/" + segment(key));
            if (json) {
                out.println(body.strip());
                return;
            }
            print(out, body);
        }
    }

    /** An action: POST, then the device as it now is. */
    abstract static class Action extends Sub {
        @Parameters(paramLabel = "SERIAL", description = "The device's key: its serial (else MAC, else address).")
        String key;

        abstract String action();

        @Override
        void run(PrintWriter out) throws Exception {
            String body = request(server, "POST", "/api/devices/" + segment(key) + "/" + action());
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) JsonReader.parse(body);
            out.println(text(d.get("key")) + ": " + action() + " done, now " + text(d.get("state")));
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Make a device provision from scratch: back to WAITING, its timings and errors forgotten (its journal stays)."})
    static final class Reset extends Action {
        @Override
        String action() {
            return "reset";
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = {"Let a FAILED or INTERRUPTED device try again: back to WAITING, its error cleared (exit 1 when it did not fail)."})
    static final class Retry extends Action {
        @Override
        String action() {
            return "retry";
        }
    }

    @Command(name = "decommission", mixinStandardHelpOptions = true,
            description = {"Take a device out of service: DECOMMISSIONED until reset (its events are still journaled)."})
    static final class Decommission extends Action {
        @Override
        String action() {
            return "decommission";
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = {"Print a device's journal, oldest first, as JSON lines (one event per line)."})
    static final class Events extends Sub {
        @Parameters(paramLabel = "SERIAL", description = "The device's key: its serial (else MAC, else address).")
        String key;

        @Option(names = "--after", defaultValue = "0", paramLabel = "ID", description = "Only events after this id (default: all).")
        long after;

        @Override
        void run(PrintWriter out) throws Exception {
            long from = after;
            while (true) {
                String body = request(server, "GET", "/api/devices/" + segment(key) + "/events?after=" + from + "&limit=1000");
                @SuppressWarnings("unchecked")
                Map<String, Object> page = (Map<String, Object>) JsonReader.parse(body);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> events = (List<Map<String, Object>>) page.get("events");
                for (Map<String, Object> e : events) {
                    out.println(JsonText.of(e));
                }
                long last = ((Number) page.get("last")).longValue();
                if (events.size() < 1000 || last <= from) {
                    return;
                }
                from = last;
            }
        }
    }

    static void print(PrintWriter out, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) JsonReader.parse(body);
        for (String k : List.of("key", "hostname", "serial", "mac", "platform", "clientAddress", "managementAddress", "state",
                "stateSince", "firstSeen", "configServedAfterMillis", "reachableAfterMillis", "lastError")) {
            out.printf("%-24s %s%n", k, text(d.get(k)));
        }
        Object t = d.get("transfer");
        if (t instanceof Map<?, ?> m) {
            out.printf("%-24s %s %s/%s bytes%s%n", "transfer", m.get("path"), m.get("bytesSent"), m.get("totalBytes"),
                    Boolean.TRUE.equals(m.get("finished")) ? ", finished" : "");
        }
        Object r = d.get("lastRequest");
        if (r instanceof Map<?, ?> m) {
            out.printf("%-24s %s over %s at %s%n", "lastRequest", m.get("path"), m.get("protocol"), m.get("time"));
        }
        out.println("history");
        if (d.get("history") instanceof List<?> lines) {
            lines.forEach(l -> out.println("  " + l));
        }
    }

    static String text(Object o) {
        return o == null ? "-" : o.toString();
    }
}
