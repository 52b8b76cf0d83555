package dev.junction.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile, continuation lines joined and comments dropped: enough to check what
 * it copies, sets and runs, without a Docker engine.
 */
record DockerfileInstructions(List<Instruction> instructions) {
    /** ENV's NAME=value pairs; a value may be double-quoted. */
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    /** One instruction: its keyword in upper case and its arguments as written. */
    record Instruction(String keyword, String arguments) {
    }

    DockerfileInstructions {
        instructions = List.copyOf(instructions);
    }

    static DockerfileInstructions read(String relativePath) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : ProjectFiles.read(relativePath).split("\n")) {
            if (current.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        return new DockerfileInstructions(instructions);
    }

    /** The arguments of every instruction with that keyword, in order. */
    List<String> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }

    /** COPY's sources by destination (a COPY here has one source). */
    Map<String, String> copies() {
        Map<String, String> copies = new LinkedHashMap<>();
        for (String copy : all("COPY")) {
            String[] parts = copy.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("expected COPY <source> <destination>, got COPY " + copy);
            }
            copies.put(parts[1], parts[0]);
        }
        return copies;
    }

    /** Every variable the ENV instructions set, quotes removed. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String env : all("ENV")) {
            Matcher matcher = ENV_PAIR.matcher(env);
            while (matcher.find()) {
                String value = matcher.group(2);
                environment.put(matcher.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return environment;
    }
}
