/** Juniper Junos Zero Touch Provisioning: option 43 sub-options naming the configuration file and how to fetch it. */
package org.ztp4j.platform.junos;
