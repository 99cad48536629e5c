package io.cairn.object;

/** The version is held by object lock (a retention period or a legal hold): it cannot be removed or weakened. */
public class ObjectLockedException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public ObjectLockedException(String message) {
        super(message);
    }
}
