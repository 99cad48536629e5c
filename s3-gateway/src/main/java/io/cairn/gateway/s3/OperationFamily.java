package io.cairn.gateway.s3;

import java.util.Map;

/**
 * The S3 operations one class serves together (multipart, tagging, CORS, ...). Families outside this
 * package are handed to {@link S3Api} by the code that builds it, so this package never names them and
 * every family depends on it, never the other way.
 */
@FunctionalInterface
public interface OperationFamily {

    /** Puts one handler into {@code table} per operation this family serves. */
    void register(Map<S3Operation, OperationHandler> table);
}
