/**
 * ztp4j testkit: emulated devices and a JUnit 5 server fixture, so users test their own templates
 * and adapters in their CI as the project tests its own.
 */
module org.ztp4j.testkit {
    requires transitive org.ztp4j.server;
    requires transitive org.junit.jupiter.api;

    exports org.ztp4j.testkit;
}
