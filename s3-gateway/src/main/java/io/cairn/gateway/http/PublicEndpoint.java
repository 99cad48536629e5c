package io.cairn.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the gateway names itself in the URLs it writes (URN mint answers, the POST Object {@code Location}): the
 * configured public URL when there is one; otherwise the scheme of the client's connection (https over TLS)
 * and the {@code Host} it sent, where {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} take over only
 * on a connection from a trusted proxy. A URL written with another scheme or host than the client used would
 * send a browser to a different origin, or downgrade it to plain HTTP.
 */
public final class PublicEndpoint {

    /** Scheme and host from each request, no proxy trusted. */
    public static final PublicEndpoint FROM_REQUEST = new PublicEndpoint(null, TrustedProxies.NONE);

    /** {@code host} or {@code host:port}: a name, an IPv4 address or a bracketed IPv6 address. */
    private static final Pattern AUTHORITY =
            Pattern.compile("(?:[A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private final URI fixed;
    private final TrustedProxies proxies;

    private PublicEndpoint(URI fixed, TrustedProxies proxies) {
        this.fixed = fixed;
        this.proxies = proxies;
    }

    /** Every URL names {@code publicUrl} ({@code https://s3.example.com}; a scheme and a host, no path). */
    public static PublicEndpoint fixed(URI publicUrl) {
        String scheme = publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
        boolean noPath = publicUrl.getRawPath() == null || publicUrl.getRawPath().isEmpty()
                || publicUrl.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || publicUrl.getHost() == null
                || publicUrl.getRawUserInfo() != null || !noPath || publicUrl.getRawQuery() != null
                || publicUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("--public-url must be http(s)://HOST[:PORT] with no path"
                    + " (signed URLs cover the path, so a proxy cannot add one): " + publicUrl);
        }
        return new PublicEndpoint(URI.create(scheme + "://" + publicUrl.getRawAuthority()), TrustedProxies.NONE);
    }

    /** Scheme and host from each request; forwarded headers believed from {@code proxies} only. */
    public static PublicEndpoint fromRequest(TrustedProxies proxies) {
        return new PublicEndpoint(null, proxies);
    }

    /**
     * The base URL ({@code scheme://host[:port]}) for a request that came over a connection from {@code peer}
     * to {@code local}, over TLS or not. Without a usable Host the address the client connected to is used.
     */
    public URI resolve(HttpHeaders headers, boolean tls, InetSocketAddress peer, InetSocketAddress local) {
        if (fixed != null) {
            return fixed;
        }
        String scheme = tls ? "https" : "http";
        String host = authority(headers.get(HttpHeaderNames.HOST));
        if (proxies.trusts(peer == null ? null : peer.getAddress())) {
            String proto = first(headers.get("X-Forwarded-Proto"));
            if (proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
                scheme = proto.toLowerCase(Locale.ROOT);
            }
            String forwardedHost = authority(first(headers.get("X-Forwarded-Host")));
            if (forwardedHost != null) {
                host = forwardedHost;
            }
        }
        if (host == null) {
            host = local == null ? "localhost" : literal(local);
        }
        return URI.create(scheme + "://" + host);
    }

    /** The first of a comma-separated list: the value the proxy nearest the client set. */
    private static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String v = (comma < 0 ? value : value.substring(0, comma)).strip();
        return v.isEmpty() ? null : v;
    }

    private static String authority(String value) {
        return value != null && AUTHORITY.matcher(value.strip()).matches() ? value.strip() : null;
    }

    private static String literal(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public String toString() {
        return fixed != null ? "PublicEndpoint[" + fixed + "]" : "PublicEndpoint[from request, " + proxies + "]";
    }
}
