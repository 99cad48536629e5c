package io.cairn.gateway.http;

/**
 * Sees every S3 request begin and end (never the reserved operator routes). Both calls run on the
 * connection's event loop, so implementations must be cheap and must not block.
 */
public interface RequestObserver {

    RequestObserver NONE = new RequestObserver() {
        @Override
        public void started() {
        }

        @Override
        public void finished(RequestRecord record) {
        }
    };

    void started();

    void finished(RequestRecord record);
}
