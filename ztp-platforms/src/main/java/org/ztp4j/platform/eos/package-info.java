/** Arista EOS Zero Touch Provisioning: a bootstrap script by URL in option 67, and a day-0 per serial. */
package org.ztp4j.platform.eos;
