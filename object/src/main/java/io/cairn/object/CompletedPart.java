package io.cairn.object;

/** A part named in CompleteMultipartUpload: its number and ETag (without quotes). */
public record CompletedPart(int partNumber, String etag) {
}
