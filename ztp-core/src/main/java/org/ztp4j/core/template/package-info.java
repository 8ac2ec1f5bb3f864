/**
 * Strict Mustache templates: no HTML escaping, so configs come out byte-exact, and a missing
 * variable is an error that names the template, the variable and the device.
 */
package org.ztp4j.core.template;
