package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;

/**
 * Reads and writes S3 XML documents. Request documents are parsed with DTDs and external entities turned
 * off (no entity expansion attacks, no file or network access) and with a size cap.
 */
public final class Xml {

    public static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final XmlMapper MAPPER = newMapper();

    private Xml() {
    }

    private static XmlMapper newMapper() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLOutputFactory output = XMLOutputFactory.newFactory();
        XmlMapper mapper = new XmlMapper(new XmlFactory(input, output));
        mapper.configure(ToXmlGenerator.Feature.WRITE_XML_DECLARATION, true);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, false);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }

    /**
     * Serialises a response document (with XML declaration) in the S3 namespace. Jackson would mark every
     * child with {@code xmlns=""} if the root carried the namespace, so the root gets it as plain text.
     */
    public static byte[] write(Object document) {
        return namespaced(writeString(document));
    }

    /** Like {@link #write(Object)} under another root element name (documents that share a shape). */
    public static byte[] write(Object document, String rootName) {
        try {
            return namespaced(MAPPER.writer().withRootName(rootName).writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] namespaced(String xml) {
        int rootStart = xml.indexOf('<', xml.indexOf("?>") + 2);
        int nameEnd = rootStart + 1;
        while (nameEnd < xml.length() && " />".indexOf(xml.charAt(nameEnd)) < 0) {
            nameEnd++;
        }
        return (xml.substring(0, nameEnd) + " xmlns=\"" + S3_NS + "\"" + xml.substring(nameEnd))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Serialises a document without namespace (S3's error bodies). */
    public static byte[] writeWithoutNamespace(Object document) {
        return writeString(document).getBytes(StandardCharsets.UTF_8);
    }

    private static String writeString(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a request document of at most {@code maxBytes}. Anything not well-formed, too large or of the
     * wrong shape is a {@link MalformedXmlException}; a failing body stream keeps its own IOException.
     */
    public static <T> T read(InputStream body, int maxBytes, Class<T> type) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new MalformedXmlException("document larger than " + maxBytes + " bytes");
        }
        // Let a verifying body stream report a checksum mismatch before we judge the document.
        if (body.read() != -1) {
            throw new MalformedXmlException("document larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw new MalformedXmlException("empty document");
        }
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("<!DOCTYPE")) {
            throw new MalformedXmlException("document type declarations are not allowed");
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new MalformedXmlException("empty document");
            }
            return value;
        } catch (MalformedXmlException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedXmlException(e.toString());
        }
    }

    /** ISO-8601 with milliseconds, as S3 writes dates in XML. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
