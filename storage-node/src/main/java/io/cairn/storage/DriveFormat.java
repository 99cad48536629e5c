package io.cairn.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The drive's identity: {@code .cairn.sys/.format.json}, written once when the drive is first used (and
 * kept twice, see {@link DriveIdentity}). Its {@code crc32c} field covers every other field, so a flipped
 * byte anywhere is noticed instead of silently giving the drive another identity; files written before
 * the field existed are read without it and rewritten with it.
 */
record DriveFormat(String driveId, int version, Instant created) {

    static final int VERSION = 1;
    private static final String KIND = "cairn-drive";
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|(\\d+))");
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A parsed file: the format, and whether it carried a checksum (files of older builds do not). */
    record Parsed(DriveFormat format, boolean checksummed) {
    }

    String toJson() {
        return "{\"format\":\"" + KIND + "\",\"version\":" + version + ",\"driveId\":\"" + driveId
                + "\",\"created\":\"" + created + "\",\"crc32c\":\"" + checksum(KIND, version, driveId,
                created.toString()) + "\"}\n";
    }

    /** Parses and checks a format file; throws {@link IllegalArgumentException} saying what is wrong. */
    static Parsed parse(String json) {
        String kind = null;
        String id = null;
        String created = null;
        String crc = null;
        int version = -1;
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            switch (m.group(1)) {
                case "format" -> kind = m.group(3);
                case "driveId" -> id = m.group(3);
                case "created" -> created = m.group(3);
                case "crc32c" -> crc = m.group(3);
                case "version" -> version = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
                default -> { }
            }
        }
        if (!KIND.equals(kind) || id == null || created == null || version < 0) {
            throw new IllegalArgumentException("not a drive format file");
        }
        if (crc != null && !crc.equals(checksum(kind, version, id, created))) {
            throw new IllegalArgumentException("checksum mismatch (crc32c " + crc + ")");
        }
        if (!UUID_FORM.matcher(id).matches()) {
            throw new IllegalArgumentException("drive id " + id + " is not a UUID");
        }
        try {
            return new Parsed(new DriveFormat(id, version, Instant.parse(created)), crc != null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("creation time " + created + " is not an instant");
        }
    }

    private static String checksum(String kind, int version, String id, String created) {
        CRC32C crc = new CRC32C();
        crc.update((kind + "|" + version + "|" + id + "|" + created).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
