/**
 * SONiC Zero Touch Provisioning: a ZTP JSON by URL in option 67 (and a provisioning script in
 * option 239), a ZTP JSON per switch by its serial number, the day-0 as a config_db fragment.
 */
package org.ztp4j.platform.sonic;
