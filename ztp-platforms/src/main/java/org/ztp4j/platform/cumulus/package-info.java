/**
 * NVIDIA Cumulus Linux Zero Touch Provisioning: a ZTP script by URL in option 239, one script per
 * switch chosen by the header fields the switch sends, the day-0 in NVUE commands.
 */
package org.ztp4j.platform.cumulus;
