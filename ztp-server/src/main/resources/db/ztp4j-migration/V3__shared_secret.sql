-- ztp4j store, version 3: secrets every server sharing the database must agree on, such as the key
-- every device's token is derived from (day-0 access token, device reports). Made once by the first
-- server that needs it, then read by all.

CREATE TABLE ztp_shared_secret (
    name   VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret VARCHAR(256) NOT NULL
);
