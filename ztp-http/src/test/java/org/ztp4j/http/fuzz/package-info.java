/** Fuzz tests of the HTTP file server's request-line and header parsing. */
package org.ztp4j.http.fuzz;
