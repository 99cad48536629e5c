package io.cairn.gateway.http;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The peers whose {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} headers are believed: CIDR blocks
 * or single addresses, IPv4 or IPv6 ({@code 10.0.0.0/8,192.168.1.7,fd00::/8}). Anyone can send those headers;
 * only a proxy the operator named is asked what the client used. Addresses only, never host names: a name
 * would make the check depend on DNS.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Parses a comma-separated list; blank means none. A bad entry fails naming it. */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.strip();
            if (!e.isEmpty()) {
                blocks.add(block(e));
            }
        }
        return new TrustedProxies(blocks);
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] network = NetUtil.createByteArrayFromIpAddressString(address);
        if (network == null) {
            throw new IllegalArgumentException("--trusted-proxies: not an IP address or CIDR block: " + entry);
        }
        network = ipv4IfMapped(network);
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException ex) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("--trusted-proxies: the prefix length of " + entry
                        + " must be 0 to " + bits);
            }
        }
        return new Block(network, prefix);
    }

    /** Whether {@code peer} is one of the trusted proxies. */
    public boolean trusts(InetAddress peer) {
        if (peer == null || blocks.isEmpty()) {
            return false;
        }
        byte[] address = ipv4IfMapped(peer.getAddress());
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** An IPv4 client on a dual-stack socket can appear as ::ffff:a.b.c.d; it is the same client. */
    private static byte[] ipv4IfMapped(byte[] address) {
        if (address.length == 16) {
            boolean mapped = address[10] == (byte) 0xff && address[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = address[i] == 0;
            }
            if (mapped) {
                return Arrays.copyOfRange(address, 12, 16);
            }
        }
        return address;
    }

    @Override
    public String toString() {
        return "TrustedProxies" + blocks.stream().map(b -> {
            try {
                return InetAddress.getByAddress(b.network()).getHostAddress() + "/" + b.prefix();
            } catch (UnknownHostException e) {
                return "?";
            }
        }).toList();
    }
}
