/** Small timing programs that the scripts in {@code bench/} run; not part of the library. */
package org.ztp4j.examples.bench;
