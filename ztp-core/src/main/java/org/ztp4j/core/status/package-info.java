/**
 * Where each device stands: a {@link org.ztp4j.core.ProvisioningListener} that folds events into one
 * state per device (waiting, script served, config served, image transferring, reachable, failed),
 * for status pages, APIs and dashboards.
 */
package org.ztp4j.core.status;
