package io.cairn.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests need of the runtime stage of the Dockerfile: the ENTRYPOINT (exec form) and which repository
 * file each COPY put where (for files copied from the build context, not from another stage).
 */
record DockerfileSpec(List<String> entrypoint, Map<String, String> copiedFrom) {

    static DockerfileSpec read(Path file) throws IOException {
        List<String> instructions = instructions(Files.readAllLines(file, StandardCharsets.UTF_8));
        List<String> entrypoint = null;
        Map<String, String> copies = new LinkedHashMap<>();
        for (String instruction : instructions) {
            if (instruction.startsWith("FROM ")) {
                copies.clear(); // only the last stage's files are in the image
            } else if (instruction.startsWith("ENTRYPOINT ")) {
                entrypoint = new ObjectMapper().readValue(instruction.substring("ENTRYPOINT ".length()),
                        new TypeReference<List<String>>() { });
            } else if (instruction.startsWith("COPY ") && !instruction.contains("--from=")) {
                List<String> words = new ArrayList<>(List.of(instruction.split("\\s+")));
                words.removeIf(w -> w.startsWith("--") || w.equals("COPY"));
                copies.put(words.get(words.size() - 1), words.get(0));
            }
        }
        if (entrypoint == null) {
            throw new IOException(file + " has no ENTRYPOINT");
        }
        return new DockerfileSpec(List.copyOf(entrypoint), copies);
    }

    /** The JVM flags of the ENTRYPOINT: everything between the java command and {@code -jar}. */
    List<String> jvmFlags() {
        int jar = entrypoint.indexOf("-jar");
        return entrypoint.subList(1, jar);
    }

    /** Instructions with their continuation lines joined, comments dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String s = line.strip();
            if (s.startsWith("#") || (s.isEmpty() && current.length() == 0)) {
                continue;
            }
            boolean continued = s.endsWith("\\");
            current.append(continued ? s.substring(0, s.length() - 1) : s).append(' ');
            if (!continued) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }
}
