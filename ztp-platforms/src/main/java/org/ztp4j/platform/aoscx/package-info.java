/** Aruba AOS-CX Zero Touch Provisioning: options 66/67 to a configuration over TFTP, option 43 sub-option 145 to an image. */
package org.ztp4j.platform.aoscx;
