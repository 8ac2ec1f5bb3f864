/**
 * An example platform adapter that ztp4j does not ship: Dell SmartFabric OS10 zero-touch
 * deployment, written against ztp-core's SPI alone ({@link org.ztp4j.core.PlatformAdapter},
 * {@link org.ztp4j.core.FileProvider}, templates, an HTTP endpoint). docs/writing-an-adapter.md walks
 * through it; {@link org.ztp4j.examples.adapter.Os10EmbeddingExample} plugs it into a server.
 */
package org.ztp4j.examples.adapter;
