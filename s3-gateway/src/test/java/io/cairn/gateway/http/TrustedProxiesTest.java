package io.cairn.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    static final TrustedProxies LIST = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7 ,172.16.0.0/12,fd00::/8,::1");

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, true", "11.0.0.1, false", "192.168.1.7, true", "192.168.1.8, false",
            "172.31.255.255, true", "172.32.0.0, false", "fd12::1, true", "fe80::1, false", "::1, true",
            "::ffff:10.9.9.9, true", "127.0.0.1, false"})
    void trustsTheListedAddressesOnly(String peer, boolean trusted) throws Exception {
        assertThat(LIST.trusts(InetAddress.getByName(peer))).isEqualTo(trusted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "::/129", "10.0.0.0/x", "10.0.0.256"})
    void refusesWhatIsNotAnAddressOrBlock(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1," + entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--trusted-proxies")
                .hasMessageContaining(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " , "})
    void blankTrustsNobody(String list) throws Exception {
        assertThat(TrustedProxies.parse(list).trusts(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(TrustedProxies.parse(list).isEmpty()).isTrue();
    }
}
