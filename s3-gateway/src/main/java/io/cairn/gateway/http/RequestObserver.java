package io.cairn.gateway.http;

/**
 * Sees every S3 request begin and end (never the reserved operator routes). {@link #started} and
 * {@link #finished} run on the connection's event loop, so implementations must be cheap and must not block.
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

    /**
     * A request that changes state (not GET, HEAD or OPTIONS) is about to be answered with success: its response
     * is not sent yet. Runs on the thread that answers, which may block, so a record of the change can be made
     * to outlive a crash of the process before the client hears of it; {@link #finished} still follows.
     */
    default void acknowledging(RequestRecord record) {
    }
}
