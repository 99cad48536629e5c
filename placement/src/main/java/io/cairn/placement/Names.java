package io.cairn.placement;

/** Field rules shared by the cluster map's records, so every path into a map enforces the same ones. */
final class Names {
    static final int MAX_ID_LENGTH = 255;

    private Names() {
    }

    static void requireId(String what, String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidClusterMapException(what + " must be 1-" + MAX_ID_LENGTH + " characters, not blank");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            // Ids appear in logs, file names and admin output; whitespace and control characters only cause grief.
            if (c <= ' ' || c == 0x7f) {
                throw new InvalidClusterMapException(what + " '" + id.strip() + "' contains whitespace or a control character");
            }
        }
    }

    static void requireWeight(String what, double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new InvalidClusterMapException(what + ": weight must be positive and finite, not " + weight);
        }
    }

    static void requireAddress(String node, String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon < 1 || colon == address.length() - 1) {
            throw new InvalidClusterMapException("node " + node + ": address '" + address + "' is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]") && host.length() > 2)) {
            throw new InvalidClusterMapException("node " + node + ": IPv6 address '" + address + "' needs [brackets]");
        }
        requireId("host of node " + node, host);
        String port = address.substring(colon + 1);
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new InvalidClusterMapException("node " + node + ": port in '" + address + "' is not 1-65535");
        }
    }
}
