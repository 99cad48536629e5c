package io.cairn.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AclTest {

    @Test
    void cannedAclsGrantWhatAwsDocuments() {
        Acl read = Acl.canned("public-read");
        assertThat(read.allows(null, Permission.READ)).isTrue();
        assertThat(read.allows(null, Permission.WRITE)).isFalse();
        assertThat(Acl.canned("public-read-write").allows(null, Permission.WRITE)).isTrue();
        Acl auth = Acl.canned("authenticated-read");
        assertThat(auth.allows(null, Permission.READ)).isFalse();
        assertThat(auth.allows("someone", Permission.READ)).isTrue();
        assertThat(Acl.canned("private").allows("someone", Permission.READ)).isFalse();
        assertThat(Acl.canned("bucket-owner-full-control")).isEqualTo(Acl.PRIVATE);
        assertThat(Acl.canned("no-such-acl")).isNull();
        assertThat(read.isPublic()).isTrue();
        assertThat(Acl.canned("log-delivery-write").isPublic()).isFalse();
    }

    @Test
    void fullControlCoversEverythingAndUserGrantsReachOnlyThatUser() {
        Acl acl = new Acl(List.of(Grant.user("abc", Permission.FULL_CONTROL), Grant.user("def", Permission.READ_ACP)));
        assertThat(acl.allows("abc", Permission.WRITE_ACP)).isTrue();
        assertThat(acl.allows("def", Permission.READ_ACP)).isTrue();
        assertThat(acl.allows("def", Permission.READ)).isFalse();
        assertThat(acl.allows(null, Permission.READ)).isFalse();
    }

    @Test
    void encodesAndDecodes() {
        Acl acl = new Acl(List.of(Grant.user("abc", Permission.FULL_CONTROL),
                Grant.group(Grant.ALL_USERS, Permission.READ)));
        assertThat(Acl.decode(acl.encode())).isEqualTo(acl);
        assertThat(Acl.decode(null)).isEqualTo(Acl.PRIVATE);
        assertThat(Acl.decode("")).isEqualTo(Acl.PRIVATE);
        assertThat(acl.withoutPublicGrants().grants()).containsExactly(Grant.user("abc", Permission.FULL_CONTROL));
        assertThatThrownBy(() -> Acl.decode("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
