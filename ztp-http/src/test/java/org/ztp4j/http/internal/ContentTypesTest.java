package org.ztp4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {

    @ParameterizedTest
    @CsvSource({
            "poap.py, text/x-python",
            "/scripts/ztp.PY, text/x-python",
            "conf_7426CC5C9180.cfg, text/plain",
            "router.conf, text/plain",
            "network-confg, text/plain",
            "/ios/sw1-confg, text/plain",
            "conf.FDO21120U8F, text/plain",
            "nxos.9.3.8.bin, application/octet-stream",
            "disk.img, application/octet-stream",
            "install.iso, application/octet-stream",
            "nxos.9.3.8.bin.md5, text/plain",
            "image.sha256, text/plain",
            "image.sha512, text/plain",
            "devices.json, application/json",
            "README, application/octet-stream",
            "archive.tar.gz, application/octet-stream",
            "conf., application/octet-stream",
            "/a.b/noextension, application/octet-stream"})
    void mapsFileNamesToMediaTypes(String name, String type) {
        assertThat(ContentTypes.forName(name)).isEqualTo(type);
    }
}
