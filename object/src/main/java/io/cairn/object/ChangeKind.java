package io.cairn.object;

/** What a commit does to a key, as the outbox hook ({@link CommitEvents}) hears of it. */
public enum ChangeKind {
    /** A new version from a single write (PUT, and copies and form uploads, which the caller tells apart). */
    PUT,
    /** A new version from a completed multipart upload. */
    COMPLETE,
    /** A version removed for good (or the null version of an unversioned bucket). */
    DELETE,
    /** A delete marker became the current version. */
    DELETE_MARKER
}
