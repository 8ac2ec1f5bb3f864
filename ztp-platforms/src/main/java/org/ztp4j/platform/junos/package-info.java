/**
 * Juniper Junos Zero Touch Provisioning: option 43 sub-options naming the configuration file and how
 * to fetch it, or, with {@code junos.ztp-file=script}, a shell script that checks the image, commits
 * the day-0 and reports.
 */
package org.ztp4j.platform.junos;
