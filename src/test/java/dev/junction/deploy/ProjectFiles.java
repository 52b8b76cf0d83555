package dev.junction.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of this repository as the deployment tests read them: Surefire runs in the project's base folder. */
final class ProjectFiles {
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::[^}]*)?}");

    private ProjectFiles() {
    }

    static Path path(String relative) {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("tests must run in the project folder, not " + root);
        }
        return root.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** src/main/resources/application.properties, as written. */
    static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** A property of src/main/resources/application.properties, as written; fails when it is not there. */
    static String applicationProperty(String key) {
        String value = applicationProperties().getProperty(key);
        if (value == null) {
            throw new IllegalStateException("application.properties has no " + key);
        }
        return value;
    }

    /** The environment variable an application property reads, e.g. JUNCTION_CONNECTORS_DIR for junction.connectors.dir. */
    static String environmentVariableOf(String key) {
        Matcher matcher = VARIABLE_REFERENCE.matcher(applicationProperty(key));
        if (!matcher.find()) {
            throw new IllegalStateException("application.properties' " + key + " reads no environment variable");
        }
        return matcher.group(1);
    }

    /** A property of pom.xml's {@code <properties>}, where every version and the JVM flags are pinned. */
    static String pomProperty(String name) {
        try {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(path("pom.xml").toFile());
            NodeList nodes = pom.getElementsByTagName("properties").item(0).getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (name.equals(nodes.item(i).getNodeName())) {
                    return nodes.item(i).getTextContent().strip();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("pom.xml cannot be read", e);
        }
        throw new IllegalStateException("pom.xml has no property " + name);
    }

    /** A NAME=value line of a shell script, e.g. TRINO_VERSION of stack/engines/trino.sh. */
    static String shellVariable(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "=(\\S+)$").matcher(read(script));
        if (!matcher.find()) {
            throw new IllegalStateException(script + " sets no " + name);
        }
        return matcher.group(1);
    }
}
