package io.cairn.gateway.post;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads multipart/form-data from a stream, one part at a time, in O(buffer) memory: each part's content
 * is an {@link InputStream} that ends at the next boundary. A part must be read (or skipped) to its end
 * before asking for the next one.
 */
final class FormDataReader {

    /** Longest header block of one part. */
    static final int MAX_PART_HEADERS = 8 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private boolean started;
    private PartStream open;

    /** A part: its Content-Disposition name and filename (null for a plain field), its type and content. */
    record Part(String name, String filename, String contentType, InputStream content) {
    }

    FormDataReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(BUFFER, delimiter.length * 4)];
        // The first boundary has no CRLF before it: pretend it had one.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary parameter of a multipart/form-data Content-Type, or null when it is not one. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /** The next part, or null after the closing boundary. */
    Part next() throws IOException {
        if (open != null) {
            open.skipAll();
            open = null;
        } else if (!started) {
            new PartStream().skipAll();
        }
        started = true;
        if (finished) {
            return null;
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw new MalformedFormException("a part has no Content-Disposition");
        }
        String name = param(disposition, "name");
        if (name == null) {
            throw new MalformedFormException("a part has no name");
        }
        open = new PartStream();
        return new Part(name, param(disposition, "filename"), headers.get("content-type"), open);
    }

    /** After a delimiter: "--" closes the form, otherwise the line ends and part headers follow. */
    private void afterDelimiter() throws IOException {
        fill(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return;
        }
        String rest = readLine();
        if (!rest.isBlank()) {
            throw new MalformedFormException("unexpected text after a boundary");
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_PART_HEADERS) {
                throw new MalformedFormException("part headers too long");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedFormException("malformed part header");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (pos == lim) {
                fill(1);
                if (pos == lim) {
                    throw new MalformedFormException("the form ends inside part headers");
                }
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            line.append((char) (b & 0xff));
            if (line.length() > MAX_PART_HEADERS) {
                throw new MalformedFormException("part header line too long");
            }
        }
    }

    /** Makes at least {@code n} bytes available from pos when the stream has them. */
    private void fill(int n) throws IOException {
        if (lim - pos >= n || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && lim < buf.length) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
                return;
            }
            lim += r;
        }
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i <= lim - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String param(String header, String name) {
        for (String p : header.split(";")) {
            String t = p.strip();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    /** The content of the current part: ends where the next delimiter begins. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            fill(delimiter.length + 2);
            int at = indexOfDelimiter();
            int safe;
            if (at >= 0) {
                safe = at - pos;
            } else if (eof) {
                throw new MalformedFormException("the form ends without its closing boundary");
            } else {
                safe = lim - pos - (delimiter.length - 1);
            }
            if (safe == 0 && at >= 0) {
                pos += delimiter.length;
                done = true;
                afterDelimiter();
                return -1;
            }
            int n = Math.min(len, safe);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        void skipAll() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discarded
            }
        }
    }
}
