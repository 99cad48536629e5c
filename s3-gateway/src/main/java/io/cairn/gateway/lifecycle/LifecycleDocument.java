package io.cairn.gateway.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The LifecycleConfiguration document as S3 defines it. It is stored as the client sent it (with an ID given
 * to each rule that had none), so GetBucketLifecycleConfiguration answers in the client's own form: a rule's
 * legacy top-level {@code Prefix} stays one, a {@code Filter} stays a filter.
 */
@JacksonXmlRootElement(localName = "LifecycleConfiguration")
@JsonInclude(JsonInclude.Include.NON_NULL)
record LifecycleDocument(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules) {

    static final int MAX_RULES = 1000;
    static final int MAX_ID_LENGTH = 255;

    @JsonPropertyOrder({"Expiration", "ID", "Filter", "Prefix", "Status", "Transition", "NoncurrentVersionExpiration",
            "NoncurrentVersionTransition", "AbortIncompleteMultipartUpload"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rule(@JacksonXmlProperty(localName = "Expiration") Expiration expiration,
                @JacksonXmlProperty(localName = "ID") String id,
                @JacksonXmlProperty(localName = "Filter") Filter filter,
                @JacksonXmlProperty(localName = "Prefix") String prefix,
                @JacksonXmlProperty(localName = "Status") String status,
                @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Transition")
                List<Transition> transitions,
                @JacksonXmlProperty(localName = "NoncurrentVersionExpiration") NoncurrentExpiration noncurrent,
                @JacksonXmlElementWrapper(useWrapping = false)
                @JacksonXmlProperty(localName = "NoncurrentVersionTransition") List<Transition> noncurrentTransitions,
                @JacksonXmlProperty(localName = "AbortIncompleteMultipartUpload") AbortUpload abort) {

        Rule withId(String newId) {
            return new Rule(expiration, newId, filter, prefix, status, transitions, noncurrent,
                    noncurrentTransitions, abort);
        }
    }

    @JsonPropertyOrder({"Date", "Days", "ExpiredObjectDeleteMarker"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Expiration(@JacksonXmlProperty(localName = "Date") String date,
                      @JacksonXmlProperty(localName = "Days") Integer days,
                      @JacksonXmlProperty(localName = "ExpiredObjectDeleteMarker") Boolean deleteMarker) {
    }

    @JsonPropertyOrder({"Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filter(@JacksonXmlProperty(localName = "Prefix") String prefix,
                  @JacksonXmlProperty(localName = "Tag") Tag tag,
                  @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Long sizeGreaterThan,
                  @JacksonXmlProperty(localName = "ObjectSizeLessThan") Long sizeLessThan,
                  @JacksonXmlProperty(localName = "And") And and) {
    }

    @JsonPropertyOrder({"Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record And(@JacksonXmlProperty(localName = "Prefix") String prefix,
               @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tag> tags,
               @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Long sizeGreaterThan,
               @JacksonXmlProperty(localName = "ObjectSizeLessThan") Long sizeLessThan) {
    }

    @JsonPropertyOrder({"Key", "Value"})
    record Tag(@JacksonXmlProperty(localName = "Key") String key,
               @JacksonXmlProperty(localName = "Value") String value) {
    }

    @JsonPropertyOrder({"NoncurrentDays", "NewerNoncurrentVersions"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoncurrentExpiration(@JacksonXmlProperty(localName = "NoncurrentDays") Integer days,
                                @JacksonXmlProperty(localName = "NewerNoncurrentVersions") Integer newer) {
    }

    record AbortUpload(@JacksonXmlProperty(localName = "DaysAfterInitiation") Integer days) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transition(@JacksonXmlProperty(localName = "Date") String date,
                      @JacksonXmlProperty(localName = "Days") Integer days,
                      @JacksonXmlProperty(localName = "NoncurrentDays") Integer noncurrentDays,
                      @JacksonXmlProperty(localName = "StorageClass") String storageClass) {
    }

    /** The document to store: every rule with an ID (a generated one where the client gave none). */
    LifecycleDocument withIds() {
        List<Rule> out = new ArrayList<>();
        for (Rule r : rules) {
            out.add(r.id() == null || r.id().isEmpty() ? r.withId(UUID.randomUUID().toString()) : r);
        }
        return new LifecycleDocument(out);
    }

    /**
     * The rules, checked as S3 checks them: MalformedXML for a document of the wrong shape (a status other than
     * Enabled or Disabled, a prefix both at the top and in a filter, an expiration with several or no limits),
     * InvalidArgument for a wrong value (a long or repeated ID, a period that is not positive, a date not at
     * midnight UTC), InvalidRequest for a combination S3 refuses. Transitions are refused: this store keeps one
     * storage class, so it could not honour them.
     */
    List<LifecycleRule> toRules() {
        if (rules == null || rules.isEmpty() || rules.size() > MAX_RULES) {
            throw malformed("A lifecycle configuration holds 1 to " + MAX_RULES + " rules.");
        }
        Set<String> ids = new HashSet<>();
        List<LifecycleRule> out = new ArrayList<>();
        for (Rule r : rules) {
            out.add(toRule(r, ids));
        }
        return out;
    }

    private static LifecycleRule toRule(Rule r, Set<String> ids) {
        if (r.id() != null) {
            if (r.id().length() > MAX_ID_LENGTH) {
                throw invalid("ID length should not exceed allowed limit of " + MAX_ID_LENGTH);
            }
            if (!r.id().isEmpty() && !ids.add(r.id())) {
                throw invalid("Rule ID must be unique. Found same ID for more than one rule: " + r.id());
            }
        }
        if (!"Enabled".equals(r.status()) && !"Disabled".equals(r.status())) {
            throw malformed("A rule's Status must be Enabled or Disabled.");
        }
        if ((r.transitions() != null && !r.transitions().isEmpty())
                || (r.noncurrentTransitions() != null && !r.noncurrentTransitions().isEmpty())) {
            for (Transition t : concat(r.transitions(), r.noncurrentTransitions())) {
                if (t.date() != null) {
                    midnight(t.date());
                }
            }
            throw new S3Exception(S3ErrorCode.INVALID_STORAGE_CLASS, "Transitions are not supported: this store"
                    + " keeps every object in one storage class (STANDARD).");
        }
        String prefix = r.prefix();
        Map<String, String> tags = new LinkedHashMap<>();
        Long greater = null;
        Long less = null;
        Filter f = r.filter();
        if (f != null) {
            if (prefix != null) {
                throw malformed("A rule has either a Prefix or a Filter, not both.");
            }
            int parts = (f.prefix() != null ? 1 : 0) + (f.tag() != null ? 1 : 0) + (f.and() != null ? 1 : 0)
                    + (f.sizeGreaterThan() != null ? 1 : 0) + (f.sizeLessThan() != null ? 1 : 0);
            if (parts > 1) {
                throw malformed("A Filter holds one condition; combine several with And.");
            }
            prefix = f.prefix();
            if (f.tag() != null) {
                addTag(tags, f.tag());
            }
            greater = f.sizeGreaterThan();
            less = f.sizeLessThan();
            if (f.and() != null) {
                prefix = f.and().prefix();
                for (Tag t : f.and().tags() == null ? List.<Tag>of() : f.and().tags()) {
                    addTag(tags, t);
                }
                greater = f.and().sizeGreaterThan();
                less = f.and().sizeLessThan();
            }
        }
        if ((greater != null && greater < 0) || (less != null && less <= 0)
                || (greater != null && less != null && less <= greater)) {
            throw invalid("ObjectSizeGreaterThan and ObjectSizeLessThan must describe a range of sizes.");
        }
        Integer days = null;
        Instant date = null;
        boolean marker = false;
        Expiration e = r.expiration();
        if (e != null) {
            int limits = (e.days() != null ? 1 : 0) + (e.date() != null ? 1 : 0) + (e.deleteMarker() != null ? 1 : 0);
            if (limits != 1) {
                throw malformed("An Expiration holds exactly one of Days, Date and ExpiredObjectDeleteMarker.");
            }
            days = positive(e.days(), "Days");
            date = e.date() == null ? null : midnight(e.date());
            marker = Boolean.TRUE.equals(e.deleteMarker());
            if (marker && !tags.isEmpty()) {
                throw invalid("ExpiredObjectDeleteMarker cannot be specified with object tags.");
            }
        }
        Integer noncurrentDays = null;
        Integer newer = null;
        if (r.noncurrent() != null) {
            noncurrentDays = positive(r.noncurrent().days(), "NoncurrentDays");
            if (noncurrentDays == null) {
                throw malformed("NoncurrentVersionExpiration needs NoncurrentDays.");
            }
            newer = r.noncurrent().newer();
            if (newer != null && (newer < 1 || newer > 100)) {
                throw invalid("NewerNoncurrentVersions must be between 1 and 100.");
            }
        }
        Integer abortDays = null;
        if (r.abort() != null) {
            abortDays = positive(r.abort().days(), "DaysAfterInitiation");
            if (abortDays == null) {
                throw malformed("AbortIncompleteMultipartUpload needs DaysAfterInitiation.");
            }
            if (!tags.isEmpty() || greater != null || less != null) {
                throw invalid("AbortIncompleteMultipartUpload cannot be specified with tags or size filters.");
            }
        }
        if (e == null && r.noncurrent() == null && r.abort() == null) {
            throw malformed("A rule needs at least one action.");
        }
        return new LifecycleRule(r.id(), "Enabled".equals(r.status()), prefix, tags, greater, less, days, date,
                marker, noncurrentDays, newer, abortDays);
    }

    private static void addTag(Map<String, String> tags, Tag t) {
        if (t.key() == null || t.key().isEmpty()) {
            throw invalid("A tag needs a Key.");
        }
        if (tags.put(t.key(), t.value() == null ? "" : t.value()) != null) {
            throw invalid("Duplicate tag key in a rule's filter: " + t.key());
        }
    }

    private static Integer positive(Integer value, String name) {
        if (value != null && value <= 0) {
            throw invalid("'" + name + "' for a lifecycle action must be a positive integer.");
        }
        return value;
    }

    /** An ISO 8601 date (or date and time) that must fall on midnight UTC, as S3 requires. */
    private static Instant midnight(String value) {
        Instant at;
        try {
            if (value.length() == 10) {
                at = DateTimeFormatter.ISO_LOCAL_DATE.parse(value, java.time.LocalDate::from)
                        .atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                at = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw invalid("'Date' must be in ISO 8601 format: " + value);
        }
        if (!at.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw invalid("'Date' must be at midnight GMT: " + value);
        }
        return at;
    }

    private static List<Transition> concat(List<Transition> a, List<Transition> b) {
        List<Transition> all = new ArrayList<>();
        if (a != null) {
            all.addAll(a);
        }
        if (b != null) {
            all.addAll(b);
        }
        return all;
    }

    private static S3Exception malformed(String why) {
        return new S3Exception(S3ErrorCode.MALFORMED_XML, why);
    }

    private static S3Exception invalid(String why) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, why);
    }
}
