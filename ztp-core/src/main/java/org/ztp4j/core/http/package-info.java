/**
 * HTTP endpoints that are ztp4j's own types, whatever engine serves them: an adapter that takes a
 * device's report, or an application's status API, is an {@link org.ztp4j.core.http.HttpEndpoint}
 * mounted on a path prefix beside the served files.
 */
package org.ztp4j.core.http;
