package io.cairn.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FormDataReaderTest {

    static final String B = "XyZ--boundary";

    static byte[] form(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("preamble to ignore\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"
                + "a/${filename}\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"x-amz-meta-note\"\r\n\r\n"
                + "line1\r\nline2\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + B + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Hands out at most {@code n} bytes per read, to cut boundaries at every possible place. */
    static InputStream trickle(byte[] data, int n) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, n));
            }
        };
    }

    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {1, 3, 17, 4096, 1 << 20})
    void partsComeOutExactlyWhateverTheReadSizes(int chunk) throws Exception {
        byte[] file = new byte[200_000];
        new Random(chunk).nextBytes(file);
        // A near-boundary inside the file must not end it.
        byte[] fake = ("\r\n--" + B.substring(0, B.length() - 1)).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(fake, 0, file, 1000, fake.length);
        FormDataReader r = new FormDataReader(trickle(form(file), chunk), B);
        FormDataReader.Part key = r.next();
        assertThat(key.name()).isEqualTo("key");
        assertThat(key.filename()).isNull();
        assertThat(new String(key.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a/${filename}");
        FormDataReader.Part note = r.next();
        assertThat(new String(note.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line1\r\nline2");
        FormDataReader.Part f = r.next();
        assertThat(f.name()).isEqualTo("file");
        assertThat(f.filename()).isEqualTo("f.bin");
        assertThat(f.contentType()).isEqualTo("application/octet-stream");
        assertThat(f.content().readAllBytes()).isEqualTo(file);
        assertThat(r.next()).isNull();
    }

    @Test
    void unreadPartsAreSkippedAndBoundaryIsParsedFromTheContentType() throws Exception {
        assertThat(FormDataReader.boundary("multipart/form-data; boundary=\"" + B + "\"")).isEqualTo(B);
        assertThat(FormDataReader.boundary("Multipart/Form-Data;charset=utf-8; boundary=" + B)).isEqualTo(B);
        assertThat(FormDataReader.boundary("application/x-www-form-urlencoded")).isNull();
        FormDataReader r = new FormDataReader(new ByteArrayInputStream(form(new byte[10])), B);
        assertThat(r.next().name()).isEqualTo("key");
        assertThat(r.next().name()).isEqualTo("x-amz-meta-note");
        assertThat(r.next().name()).isEqualTo("file");
        assertThat(r.next()).isNull();
    }

    @Test
    void truncatedFormsAreMalformed() {
        byte[] whole = form(new byte[100]);
        byte[] cut = Arrays.copyOf(whole, whole.length - 30);
        assertThatThrownBy(() -> {
            FormDataReader r = new FormDataReader(new ByteArrayInputStream(cut), B);
            FormDataReader.Part p;
            while ((p = r.next()) != null) {
                p.content().readAllBytes();
            }
        }).isInstanceOf(MalformedFormException.class);
    }
}
