package org.ztp4j.platform.pnp;

import org.ztp4j.core.SerialNumber;

/**
 * A Cisco unique device identifier as the PnP agent sends it in every message:
 * {@code PID:C9300-24T,VID:V02,SN:FOC2222X0BB}.
 *
 * @param pid    the product id (the model)
 * @param vid    the version id
 * @param serial the serial number, by which the inventory knows the device
 */
record Udi(String pid, String vid, SerialNumber serial) {

    /**
     * @param text the UDI as sent
     * @return its parts
     * @throws IllegalArgumentException naming what is wrong when it is not {@code PID:..,VID:..,SN:..}
     */
    static Udi parse(String text) {
        if (text == null || text.length() > 256) {
            throw new IllegalArgumentException("udi: missing or longer than 256 characters");
        }
        String pid = null;
        String vid = null;
        String sn = null;
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            String key = colon < 0 ? part : part.substring(0, colon).trim();
            String value = colon < 0 ? "" : part.substring(colon + 1).trim();
            switch (key) {
                case "PID" -> pid = value;
                case "VID" -> vid = value;
                case "SN" -> sn = value;
                default -> throw new IllegalArgumentException("udi: '" + key + "' is not PID, VID or SN (expected PID:..,VID:..,SN:..)");
            }
        }
        if (sn == null || sn.isEmpty()) {
            throw new IllegalArgumentException("udi: no SN (expected PID:..,VID:..,SN:..)");
        }
        return new Udi(pid == null ? "" : pid, vid == null ? "" : vid, SerialNumber.of(sn));
    }
}
