/**
 * Nokia SR Linux Zero Touch Provisioning: a Python provisioning script by URL in option 67, one
 * script per node, the day-0 piped to {@code sr_cli} in a candidate and reported back.
 */
package org.ztp4j.platform.srlinux;
