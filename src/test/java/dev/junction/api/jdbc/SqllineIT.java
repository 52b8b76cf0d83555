package dev.junction.api.jdbc;

import dev.junction.deploy.CommandRun;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients in their own JVMs: sqlline over the shaded Avatica driver that BI tools load, driven by a script; the
 * documented example programs; and the same with Junction's driver jar (built by the package phase) beside the
 * shaded one, which is all a BI tool needs for cancel and query timeouts.
 */
@QuarkusTest
class SqllineIT {
    private static final Path CLIENTS = Path.of("target", "jdbc-clients");

    @TestHTTPResource("/jdbc")
    URI endpoint;

    @Test
    void sqllineListsTablesAndColumnsAndRunsACrossEngineQuery() throws IOException {
        Path script = Files.writeString(Files.createTempFile("sqlline", ".sql"), """
                !tables
                !columns nation
                select n.name, count(*) as suppliers from tpch.supplier s join tpch.nation n on s.nationkey = n.nationkey where n.regionkey = 1 group by n.name order by n.name;
                !quit
                """);
        CommandRun run = CommandRun.of(Duration.ofMinutes(2), java(), "-Dorg.jline.terminal.dumb=true",
                "-cp", classpath("sqlline-jar-with-dependencies.jar", "avatica.jar", "slf4j-api.jar"),
                "sqlline.SqlLine", "-d", "org.apache.calcite.avatica.remote.Driver",
                "-u", JdbcUrls.url(endpoint, "protobuf"), "-n", "analyst", "-p", "",
                "--outputformat=csv", "--silent=true", "--run=" + script);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> lines = run.output().lines().toList();
        // !tables: every table, the demo schema's as TABLEs of schema tpch.
        assertThat(lines).containsSubsequence(
                "'TABLE_CAT','TABLE_SCHEM','TABLE_NAME','TABLE_TYPE','REMARKS','TYPE_CAT','TYPE_SCHEM','TYPE_NAME',"
                        + "'SELF_REFERENCING_COL_NAME','REF_GENERATION'",
                "'','tpch','customer','TABLE','','','','','',''", "'','tpch','lineitem','TABLE','','','','','',''",
                "'','tpch','nation','TABLE','','','','','',''", "'','tpch','orders','TABLE','','','','','',''",
                "'','tpch','part','TABLE','','','','','',''", "'','tpch','partsupp','TABLE','','','','','',''",
                "'','tpch','region','TABLE','','','','','',''", "'','tpch','supplier','TABLE','','','','','',''",
                "'trino.tpch','tiny','nation','TABLE','','','','','',''");
        // !columns: the driver reports unquoted names as upper case, so sqlline asks for NATION (Ignite's table).
        assertThat(lines).containsSequence(
                "'ignite','TPCH','NATION','NATIONKEY','-5','BIGINT','19','null','null','10','1','','','null','null',"
                        + "'null','1','YES','','','','null','NO','NO'",
                "'ignite','TPCH','NATION','NAME','12','VARCHAR','25','null','null','null','1','','','null','null',"
                        + "'25','2','YES','','','','null','NO','NO'",
                "'ignite','TPCH','NATION','REGIONKEY','-5','BIGINT','19','null','null','10','1','','','null','null',"
                        + "'null','3','YES','','','','null','NO','NO'",
                "'ignite','TPCH','NATION','COMMENT','12','VARCHAR','152','null','null','null','1','','','null',"
                        + "'null','152','4','YES','','','','null','NO','NO'");
        // The cross-engine query: suppliers (Trino) per nation (Ignite) of region AMERICA.
        assertThat(lines).containsSequence("'name','suppliers'", "'ARGENTINA','3'", "'BRAZIL','2'", "'CANADA','3'",
                "'PERU','4'", "'UNITED STATES','8'");
    }

    @Test
    void theDocumentedExampleRunsWithTheShadedDriver() {
        CommandRun run = CommandRun.of(Duration.ofMinutes(2), java(), "-cp", classpath("avatica.jar", "slf4j-api.jar"),
                "docs/examples/jdbc/JunctionJdbcExample.java", "http://" + endpoint.getHost() + ":" + endpoint.getPort());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output().lines()).containsExactly("table tpch.customer", "table tpch.lineitem",
                "table tpch.nation", "table tpch.orders", "table tpch.part", "table tpch.partsupp", "table tpch.region",
                "table tpch.supplier", "ARGENTINA 3", "BRAZIL 2", "CANADA 3", "PERU 4", "UNITED STATES 8");
    }

    @Test
    void sqllineRunsAQueryWithJunctionsDriver() throws IOException {
        Path script = Files.writeString(Files.createTempFile("sqlline", ".sql"), """
                select count(*) as nations from tpch.nation;
                !quit
                """);
        CommandRun run = CommandRun.of(Duration.ofMinutes(2), java(), "-Dorg.jline.terminal.dumb=true",
                "-cp", classpath("sqlline-jar-with-dependencies.jar", "avatica.jar", "slf4j-api.jar") + ":"
                        + junctionDriverJar(),
                "sqlline.SqlLine", "-d", "dev.junction.jdbc.JunctionDriver",
                "-u", "jdbc:junction:url=" + endpoint + ";serialization=protobuf", "-n", "analyst", "-p", "",
                "--outputformat=csv", "--silent=true", "--run=" + script);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output().lines().toList()).as(run.describe()).containsSequence("'nations'", "'25'");
    }

    @Test
    void theCancelExampleTimesOutCancelsAndRunsAgainWithJunctionsDriver() throws IOException {
        CommandRun run = CommandRun.of(Duration.ofMinutes(2), java(), "-cp",
                classpath("avatica.jar", "slf4j-api.jar") + ":" + junctionDriverJar(),
                "docs/examples/jdbc/JunctionCancelExample.java",
                "http://" + endpoint.getHost() + ":" + endpoint.getPort());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output().lines()).as(run.describe()).containsExactly("driver Junction JDBC Driver",
                "timed out: 3000 HYT00", "cancelled: 1010 57014", "nations 25");
    }

    /** The driver jar the package phase built (target/junction-<version>-jdbc.jar). */
    private static String junctionDriverJar() throws IOException {
        try (var jars = Files.list(Path.of("target"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches("junction-.*-jdbc\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/junction-*-jdbc.jar: run mvn package"))
                    .toString();
        }
    }

    private static String classpath(String... jars) {
        return String.join(":", java.util.Arrays.stream(jars).map(jar -> CLIENTS.resolve(jar).toString()).toList());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
