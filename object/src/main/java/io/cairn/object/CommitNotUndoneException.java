package io.cairn.object;

/**
 * A manifest commit missed its write quorum and its rollback did not reach every drive it was sent to: the new
 * state may still be on some drives (a late write), where a read may find it. Nothing it names may be deleted.
 */
final class CommitNotUndoneException extends QuorumException {
    private static final long serialVersionUID = 1L;

    CommitNotUndoneException(String message) {
        super(message);
    }
}
