package io.cairn.gateway.notify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The S3 NotificationConfiguration document: queue, topic and cloud-function configurations, each with an
 * Id, a destination ARN, the events it wants and an optional key filter (prefix and suffix). Cairn treats the
 * three kinds alike: the ARN names a target the operator configured ({@code arn:cairn:sqs::ID:webhook}).
 */
@JacksonXmlRootElement(localName = "NotificationConfiguration")
@JsonPropertyOrder({"TopicConfiguration", "QueueConfiguration", "CloudFunctionConfiguration"})
public record NotificationConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JacksonXmlProperty(localName = "TopicConfiguration") List<TopicConfiguration> topics,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JacksonXmlProperty(localName = "QueueConfiguration") List<QueueConfiguration> queues,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JacksonXmlProperty(localName = "CloudFunctionConfiguration") List<FunctionConfiguration> functions) {

    static final int MAX_VALUE = 1024;
    static final String INVALID_ARN = "A specified destination ARN does not exist or is not well-formed."
            + " Verify the destination ARN.";

    public NotificationConfiguration {
        topics = topics == null ? List.of() : List.copyOf(topics);
        queues = queues == null ? List.of() : List.copyOf(queues);
        functions = functions == null ? List.of() : List.copyOf(functions);
    }

    @JsonPropertyOrder({"Id", "Filter", "Topic", "Event"})
    public record TopicConfiguration(@JacksonXmlProperty(localName = "Id") String id,
                                     @JacksonXmlProperty(localName = "Filter") Filter filter,
                                     @JacksonXmlProperty(localName = "Topic") String arn,
                                     @JacksonXmlElementWrapper(useWrapping = false)
                                     @JacksonXmlProperty(localName = "Event") List<String> events) {
    }

    @JsonPropertyOrder({"Id", "Filter", "Queue", "Event"})
    public record QueueConfiguration(@JacksonXmlProperty(localName = "Id") String id,
                                     @JacksonXmlProperty(localName = "Filter") Filter filter,
                                     @JacksonXmlProperty(localName = "Queue") String arn,
                                     @JacksonXmlElementWrapper(useWrapping = false)
                                     @JacksonXmlProperty(localName = "Event") List<String> events) {
    }

    @JsonPropertyOrder({"Id", "Filter", "CloudFunction", "Event"})
    public record FunctionConfiguration(@JacksonXmlProperty(localName = "Id") String id,
                                        @JacksonXmlProperty(localName = "Filter") Filter filter,
                                        @JacksonXmlProperty(localName = "CloudFunction") String arn,
                                        @JacksonXmlElementWrapper(useWrapping = false)
                                        @JacksonXmlProperty(localName = "Event") List<String> events) {
    }

    public record Filter(@JacksonXmlProperty(localName = "S3Key") S3Key s3Key) {
    }

    public record S3Key(@JacksonXmlElementWrapper(useWrapping = false)
                        @JacksonXmlProperty(localName = "FilterRule") List<FilterRule> rules) {
        public S3Key {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    @JsonPropertyOrder({"Name", "Value"})
    public record FilterRule(@JacksonXmlProperty(localName = "Name") String name,
                             @JacksonXmlProperty(localName = "Value") String value) {
    }

    /** One configuration of any kind, checked: its ARN canonical, its events known, its filter split. */
    record Rule(String id, String arn, List<String> events, String prefix, String suffix) {
        boolean matches(String event, String key) {
            return key.startsWith(prefix) && key.endsWith(suffix)
                    && events.stream().anyMatch(e -> EventNames.matches(e, event));
        }

        boolean overlaps(Rule o) {
            boolean events = this.events.stream().anyMatch(a -> o.events.stream().anyMatch(b -> EventNames.overlap(a, b)));
            return events && (prefix.startsWith(o.prefix) || o.prefix.startsWith(prefix))
                    && (suffix.endsWith(o.suffix) || o.suffix.endsWith(suffix));
        }
    }

    boolean isEmpty() {
        return topics.isEmpty() && queues.isEmpty() && functions.isEmpty();
    }

    /** Every configuration as a {@link Rule}, without checks (a stored document was checked when it was put). */
    List<Rule> rules(String region) {
        List<Rule> out = new ArrayList<>();
        for (TopicConfiguration c : topics) {
            out.add(rule(c.id(), c.arn(), c.events(), c.filter(), region));
        }
        for (QueueConfiguration c : queues) {
            out.add(rule(c.id(), c.arn(), c.events(), c.filter(), region));
        }
        for (FunctionConfiguration c : functions) {
            out.add(rule(c.id(), c.arn(), c.events(), c.filter(), region));
        }
        return out;
    }

    /**
     * S3's checks, with {@code knownArns} the targets this server has: every ARN names one, every event is one
     * Cairn publishes, filters have at most one prefix and one suffix, no two configurations overlap (a common
     * event and filters that can match a common key), Ids are unique. Returns the document with an Id on every
     * configuration (S3 makes one up where it is missing).
     */
    NotificationConfiguration validate(Set<String> knownArns, String region) {
        List<TopicConfiguration> t = new ArrayList<>();
        List<QueueConfiguration> q = new ArrayList<>();
        List<FunctionConfiguration> f = new ArrayList<>();
        topics.forEach(c -> t.add(new TopicConfiguration(idOr(c.id()), c.filter(), c.arn(), c.events())));
        queues.forEach(c -> q.add(new QueueConfiguration(idOr(c.id()), c.filter(), c.arn(), c.events())));
        functions.forEach(c -> f.add(new FunctionConfiguration(idOr(c.id()), c.filter(), c.arn(), c.events())));
        NotificationConfiguration filled = new NotificationConfiguration(t, q, f);
        List<Rule> rules = filled.rules(region);
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            if (r.arn() == null || !knownArns.contains(r.arn())) {
                throw invalid(INVALID_ARN);
            }
            if (r.events().isEmpty()) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            for (String e : r.events()) {
                if (!EventNames.CONFIGURABLE.contains(e)) {
                    throw invalid("The event '" + e + "' is not supported for notifications.");
                }
            }
            if (!ids.add(r.id())) {
                throw invalid("Configuration Ids must be unique: '" + r.id() + "' is used twice.");
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                if (rules.get(i).overlaps(rules.get(j))) {
                    throw invalid("Configuration is ambiguously defined. Cannot have overlapping suffixes in two"
                            + " rules if the prefixes are overlapping for the same event type.");
                }
            }
        }
        return filled;
    }

    private static Rule rule(String id, String arn, List<String> events, Filter filter, String region) {
        String prefix = null;
        String suffix = null;
        List<FilterRule> filterRules = filter == null || filter.s3Key() == null ? List.of() : filter.s3Key().rules();
        for (FilterRule fr : filterRules) {
            String name = fr.name() == null ? "" : fr.name().toLowerCase(Locale.ROOT);
            String value = fr.value() == null ? "" : fr.value();
            if (value.length() > MAX_VALUE) {
                throw invalid("FilterRule value is longer than " + MAX_VALUE + " characters.");
            }
            if (name.equals("prefix") && prefix == null) {
                prefix = value;
            } else if (name.equals("suffix") && suffix == null) {
                suffix = value;
            } else if (name.equals("prefix") || name.equals("suffix")) {
                throw invalid("Cannot specify more than one " + name + " rule in a filter.");
            } else {
                throw invalid("filter rule name must be either prefix or suffix");
            }
        }
        return new Rule(id, TargetArn.canonical(arn, region), events == null ? List.of() : List.copyOf(events),
                prefix == null ? "" : prefix, suffix == null ? "" : suffix);
    }

    private static String idOr(String id) {
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message);
    }
}
