package io.cairn.gateway.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a bare address is a /32 or /128. */
record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new MalformedPolicyException("Invalid IP address or CIDR block: " + text);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new MalformedPolicyException("Invalid CIDR prefix length: " + text);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new MalformedPolicyException("Invalid CIDR prefix length: " + text);
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** Whether {@code address} (a literal; anything else never matches) lies in this network. */
    boolean contains(String address) {
        byte[] a = literal(address.trim());
        if (a == null) {
            return false;
        }
        if (a.length != network.length) {
            // An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is compared as IPv4.
            a = a.length == 16 && network.length == 4 && mappedV4(a) ? java.util.Arrays.copyOfRange(a, 12, 16) : null;
            if (a == null) {
                return false;
            }
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean mappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /** The bytes of an IP literal, null when {@code s} is not one (never a DNS lookup). */
    private static byte[] literal(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean v6 = s.indexOf(':') >= 0;
        if (!v6) {
            if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return null;
            }
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        if (v6 && !s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress();
            return v6 && b.length == 4 ? v4Mapped(b) : b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Java turns "::ffff:a.b.c.d" into an IPv4 address; keep it IPv6 when it was written as such. */
    private static byte[] v4Mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }
}
