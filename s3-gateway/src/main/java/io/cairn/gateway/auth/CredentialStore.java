package io.cairn.gateway.auth;

import java.util.Optional;

/** Finds the user an access key belongs to. */
public interface CredentialStore {
    Optional<Credentials> lookup(String accessKey);
}
