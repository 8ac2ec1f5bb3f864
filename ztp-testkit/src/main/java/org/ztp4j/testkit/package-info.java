/**
 * Test ztp4j setups as a device would meet them: {@link org.ztp4j.testkit.EmulatedDevice} runs the
 * scripts ztp4j serves against models of the devices' Python environments,
 * {@link org.ztp4j.testkit.ZtpServerExtension} runs a whole server around a JUnit 5 test class, and
 * {@link org.ztp4j.testkit.SampleInventory} gives devices to start with; ztp-core's
 * {@link org.ztp4j.core.RecordingListener} keeps the events to assert on.
 */
package org.ztp4j.testkit;
