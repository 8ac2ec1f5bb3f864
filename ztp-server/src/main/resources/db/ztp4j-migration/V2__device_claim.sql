-- ztp4j store, version 2: which server of several sharing the database does a device's action
-- (probes its reachability), so that it is done once, not once per server. A claim holds until
-- expires_at (milliseconds since 1970, on the claiming server's clock) unless renewed or released.

CREATE TABLE ztp_device_claim (
    subject    VARCHAR(512) NOT NULL,
    action     VARCHAR(64)  NOT NULL,
    server     VARCHAR(256) NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (subject, action)
);
