package io.cairn.gateway.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The body of CompleteMultipartUpload. */
@JacksonXmlRootElement(localName = "CompleteMultipartUpload")
public record CompleteMultipartUploadRequest(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts) {

    public CompleteMultipartUploadRequest {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public record Part(@JacksonXmlProperty(localName = "PartNumber") Integer partNumber,
                       @JacksonXmlProperty(localName = "ETag") String etag,
                       @JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
                       @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
                       @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
                       @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
                       @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256) {

        public Part(Integer partNumber, String etag) {
            this(partNumber, etag, null, null, null, null, null);
        }

        /** The part checksum the client named, whichever algorithm; null when none. */
        public String checksum() {
            return crc32 != null ? crc32 : crc32c != null ? crc32c : crc64nvme != null ? crc64nvme
                    : sha1 != null ? sha1 : sha256;
        }
    }
}
