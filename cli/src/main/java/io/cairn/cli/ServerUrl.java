package io.cairn.cli;

import io.cairn.gateway.config.ConfigFile;
import io.cairn.gateway.config.LayeredDefaults;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The URL of the local server as its own configuration says, for commands that sign for it or call it
 * ({@code cairn presign}, {@code cairn admin}) when no {@code --endpoint} is given: its {@code --public-url};
 * else {@code https} when it has a certificate ({@code --tls-cert}), {@code http} otherwise, at its
 * {@code --address} (127.0.0.1 for an address that means every interface). Settings come from the environment
 * ({@code CAIRN_PUBLIC_URL}, ...) and the {@code CAIRN_CONFIG} file, as for {@code cairn server}.
 */
final class ServerUrl {

    static final String DEFAULT_ADDRESS = "127.0.0.1:9000";

    private ServerUrl() {
    }

    static URI of(Map<String, String> env) {
        Path file = ConfigFile.locate(new String[0], env);
        Map<String, String> config = file == null ? Map.of() : ConfigFile.read(file);
        String publicUrl = setting(S3EndpointOptions.PUBLIC_URL, env, config);
        if (publicUrl != null) {
            return URI.create(publicUrl.strip());
        }
        String scheme = setting(S3EndpointOptions.TLS_CERT, env, config) != null ? "https" : "http";
        String address = setting("--address", env, config);
        InetSocketAddress at = Addresses.parse(address == null ? DEFAULT_ADDRESS : address.strip());
        String host = at.getHostString();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            host = "[::1]";
        } else if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create(scheme + "://" + host + ":" + at.getPort());
    }

    private static String setting(String option, Map<String, String> env, Map<String, String> config) {
        String value = env.get(LayeredDefaults.envName(option));
        if (value == null) {
            value = config.get(option.substring(2));
        }
        return value == null || value.isBlank() ? null : value;
    }
}
