package dev.junction.config;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** The files of the connector folder: one per engine, and {@code type=logical} ones declaring logical schemas. */
public final class ConnectorFiles {
    /** The type of connector files that declare logical tables rather than an engine. */
    public static final String LOGICAL_SCHEMA_TYPE = "logical";

    private ConnectorFiles() {
    }

    /** The *.properties files of the folder, sorted by name; fails when the folder does not exist. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "Connector folder '" + dir.toAbsolutePath()
                    + "' does not exist; set junction.connectors.dir to the folder holding the *.properties files");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(file -> file.getFileName().toString().endsWith(".properties"))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION,
                    "Connector folder '" + dir.toAbsolutePath() + "' cannot be listed: " + e.getMessage(), e);
        }
    }

    /** True when the file declares a logical schema ({@code type=logical}). */
    public static boolean isLogicalSchema(Path file) {
        return declaredType(file).filter(LOGICAL_SCHEMA_TYPE::equals).isPresent();
    }

    /** The schema name a file gives: its name without ".properties". */
    public static String schemaName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.properties$", "");
    }

    /** The file's keys and values, as written (UTF-8); fails with the file and the reason. */
    public static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION,
                    "Connector file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return properties;
    }

    private static Optional<String> declaredType(Path file) {
        return Optional.ofNullable(load(file).getProperty("type")).map(type -> type.strip().toLowerCase(Locale.ROOT));
    }
}
