package io.cairn.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticCredentialStoreTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreFlagged() {
        StaticCredentialStore store = StaticCredentialStore.fromEnvironment(Map.of(), null);
        assertThat(store.usingDefaults()).isTrue();
        assertThat(store.lookup("cairnadmin")).get().extracting(Credentials::secretKey).isEqualTo("cairnadmin");
        assertThat(store.lookup("other")).isEmpty();
    }

    @Test
    void rootUserComesFromTheEnvironment() {
        StaticCredentialStore store = StaticCredentialStore.fromEnvironment(
                Map.of("CAIRN_ROOT_USER", "admin", "CAIRN_ROOT_PASSWORD", "s3cret-pass"), null);
        assertThat(store.usingDefaults()).isFalse();
        assertThat(store.lookup("admin")).get().extracting(Credentials::secretKey).isEqualTo("s3cret-pass");
        assertThat(store.lookup("cairnadmin")).isEmpty();
        assertThat(store.lookup("admin").orElseThrow().toString()).doesNotContain("s3cret-pass");
        assertThat(store.lookup("admin").orElseThrow().canonicalId()).hasSize(64);
        assertThat(store.rootAccessKey()).isEqualTo("admin");
        assertThat(store.isRoot("admin")).isTrue();
        assertThat(store.isRoot("cairnadmin")).isFalse();
    }

    @Test
    void readsJsonAndPropertiesUserFiles() throws Exception {
        Path json = dir.resolve("users.json");
        Files.writeString(json, "{\"users\": [{\"accessKey\": \"alice\", \"secretKey\": \"alice-secret\", "
                + "\"name\": \"Alice\"}, {\"accessKey\": \"bob\", \"secretKey\": \"bob-secret\"}]}");
        StaticCredentialStore fromJson = StaticCredentialStore.fromEnvironment(Map.of(), json);
        assertThat(fromJson.lookup("alice")).contains(new Credentials("alice", "alice-secret", "Alice"));
        assertThat(fromJson.lookup("bob")).contains(new Credentials("bob", "bob-secret", "bob"));
        assertThat(fromJson.lookup("cairnadmin")).isPresent();
        assertThat(fromJson.isRoot("cairnadmin")).isTrue();
        assertThat(fromJson.isRoot("alice")).isFalse();
        assertThat(fromJson.isRoot(null)).isFalse();

        Path properties = dir.resolve("users.properties");
        Files.writeString(properties, "# users\ncarol = carol-secret, Carol C\ndave=dave-secret\n");
        StaticCredentialStore fromProperties = StaticCredentialStore.fromEnvironment(Map.of(), properties);
        assertThat(fromProperties.lookup("carol")).contains(new Credentials("carol", "carol-secret", "Carol C"));
        assertThat(fromProperties.lookup("dave")).contains(new Credentials("dave", "dave-secret", "dave"));
    }

    @Test
    void refusesDuplicateAndWeakKeys() throws Exception {
        Path dup = dir.resolve("dup.properties");
        Files.writeString(dup, "cairnadmin = another-secret\n");
        assertThatThrownBy(() -> StaticCredentialStore.fromEnvironment(Map.of(), dup))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        Path weak = dir.resolve("weak.json");
        Files.writeString(weak, "[{\"accessKey\": \"eve\", \"secretKey\": \"short\"}]");
        assertThatThrownBy(() -> StaticCredentialStore.fromEnvironment(Map.of(), weak))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eve");
    }
}
