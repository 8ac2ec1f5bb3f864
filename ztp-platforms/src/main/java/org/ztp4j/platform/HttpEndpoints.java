package org.ztp4j.platform;

import com.sun.net.httpserver.HttpHandler;
import java.util.List;
import org.ztp4j.core.PlatformContext;

/**
 * An adapter that answers more than file downloads over HTTP: a device that reports its result
 * back (IOS-XE ZTP posts to {@code /ztp/report/<SERIAL>}), for example. {@link Provisioning} mounts
 * each prefix on its {@code HttpFileServer} beside the files; an application that runs its own
 * server registers them itself.
 *
 * <pre>{@code
 * if (adapter instanceof HttpEndpoints endpoints) {
 *     for (String prefix : endpoints.httpPrefixes()) {
 *         http.handler(prefix, endpoints.httpHandler(prefix, context));
 *     }
 * }
 * }</pre>
 */
public interface HttpEndpoints {

    /**
     * The path prefixes this adapter answers, known before any server starts (a server mounts its
     * handlers before it binds, when its port may not be known yet).
     *
     * @return prefixes starting with {@code /}
     */
    List<String> httpPrefixes();

    /**
     * @param prefix  one of {@link #httpPrefixes()}
     * @param context the context, with the servers as devices reach them
     * @return the handler for that prefix
     * @throws IllegalArgumentException when the prefix is not one of this adapter's
     */
    HttpHandler httpHandler(String prefix, PlatformContext context);
}
