package io.cairn.presign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed browser-upload form: where to POST it and the hidden fields to send before the file. The
 * fields are in the order a form should list them; "file" must come last, after all of them.
 */
public record PostForm(String url, Map<String, String> fields, PostPolicy policy) {
    public PostForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The fields as a JSON object, in order. */
    public String fieldsJson() {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add("\"" + PostPolicy.escape(k) + "\": \"" + PostPolicy.escape(v) + "\""));
        return "{" + String.join(", ", parts) + "}";
    }

    /** A minimal HTML form that uploads one file with these fields. */
    public String html() {
        StringBuilder out = new StringBuilder();
        out.append("<form action=\"").append(attr(url)).append("\" method=\"post\" enctype=\"multipart/form-data\">\n");
        fields.forEach((k, v) -> out.append("  <input type=\"hidden\" name=\"").append(attr(k))
                .append("\" value=\"").append(attr(v)).append("\">\n"));
        out.append("  <input type=\"file\" name=\"file\">\n");
        out.append("  <input type=\"submit\" value=\"Upload\">\n");
        out.append("</form>\n");
        return out.toString();
    }

    private static String attr(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
