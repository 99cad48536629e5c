package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.util.Map;
import java.util.StringJoiner;

/** Paths, headers and limits of the node protocol (docs/FORMAT.md, "Node protocol"). */
final class NodeProtocol {

    static final String PREFIX = "/v1/";
    static final String HEALTH_PATH = "/v1/health";

    static final String DATE = "x-cairn-date";
    static final String NONCE = "x-cairn-nonce";
    static final String CONTENT_SHA256 = "x-cairn-content-sha256";
    static final String CELL_CRC32C = "x-cairn-cell-crc32c";
    static final String ERROR = "x-cairn-error";
    static final String AUTHORIZATION = "authorization";
    static final String SCHEME = "CAIRN-HMAC-SHA256";

    /** Keys of up to 1024 UTF-8 bytes percent-encode to three times that; a move carries two of them. */
    static final int MAX_INITIAL_LINE = 16 * 1024;
    /** The largest request body: one cell or one manifest. */
    static final int MAX_BODY = 64 * 1024 * 1024 + 1024;

    private NodeProtocol() {
    }

    /** Form-encodes parameters in the given order; '+' stands for a space, as the decoder expects. */
    static String query(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(name + "=" + URLEncoder.encode(value, UTF_8)));
        return joined.toString();
    }

    /** The path of operation {@code op} on a drive; drive ids are restricted so they need no escaping. */
    static String path(String drive, String op) {
        return PREFIX + drive + "/" + op;
    }

    static void checkDriveId(String drive) {
        if (!drive.matches("[A-Za-z0-9._-]{1,128}") || drive.equals("health")) {
            throw new IllegalArgumentException("invalid drive id '" + drive + "': use 1-128 of [A-Za-z0-9._-]");
        }
    }
}
