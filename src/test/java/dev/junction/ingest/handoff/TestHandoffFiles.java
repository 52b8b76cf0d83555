package dev.junction.ingest.handoff;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestHandoffFiles {
    private static final String BASE = "http://127.0.0.1:8080";
    private static final long TIME = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();

    @TempDir
    Path folder;

    @Test
    void aRowBecomesOneLineOfDruidsJsonCarryingTheHandoffsSequenceServedUntilDeleted() throws IOException {
        HandoffFiles files = new HandoffFiles(folder, () -> Optional.of(BASE), Duration.ofHours(1), 10);
        HandoffFiles.Spool spool = files.spool("points", 7);
        try (spool) {
            spool.accept(new HotRow("e1", "acme", "api.requests", "count", TIME + 5, 2.5,
                    Map.of("SERVICE", "checkout"), "{\"region\":\"eu\"}", null));
        }

        assertThat(spool.rows()).isEqualTo(1);
        List<String> uris = spool.uris();
        assertThat(uris).hasSize(1).allMatch(uri -> uri.startsWith(BASE + "/api/v1/metrics/handoff/files/points-7-"));
        String name = uris.get(0).substring(uris.get(0).lastIndexOf('/') + 1);
        assertThat(Files.readString(files.file(name).orElseThrow())).isEqualTo("{\"__time\":" + (TIME + 5)
                + ",\"tenant\":\"acme\",\"name\":\"api.requests\",\"type\":\"count\",\"value\":2.5,\"service\":"
                + "\"checkout\",\"tags\":\"{\\\"region\\\":\\\"eu\\\"}\",\"event_id\":\"e1\",\"handoff_seq\":7}\n");

        spool.delete();
        assertThat(files.file(name)).isEmpty();
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void rowsAreSplitIntoFilesOfAtMostTheRowsPerFileInOrder() throws IOException {
        HandoffFiles files = new HandoffFiles(folder, () -> Optional.of(BASE), Duration.ofHours(1), 10);
        HandoffFiles.Spool spool = files.spool("points_late", 3);
        try (spool) {
            for (int i = 0; i < 25; i++) {
                spool.accept(new HotRow("e" + i, "acme", "m", "count", TIME + i, i, Map.of(), null, 60_000L));
            }
        }

        assertThat(spool.rows()).isEqualTo(25);
        List<Long> lines = spool.uris().stream().map(uri -> files.file(uri.substring(uri.lastIndexOf('/') + 1))
                .orElseThrow()).map(TestHandoffFiles::lines).toList();
        assertThat(lines).containsExactly(10L, 10L, 5L);
        String last = spool.uris().get(2);
        assertThat(last).endsWith("-2.json");
        assertThat(Files.readString(files.file(last.substring(last.lastIndexOf('/') + 1)).orElseThrow()))
                .startsWith("{\"__time\":" + (TIME + 20) + ",").contains("\"window_ms\":60000");
    }

    @Test
    void noRowsMakeOneEmptyFileATaskReplacingTheIntervalWithNothingReads() throws IOException {
        HandoffFiles files = new HandoffFiles(folder, () -> Optional.of(BASE), Duration.ofHours(1), 10);
        HandoffFiles.Spool spool = files.spool("points", 1);
        spool.close();

        assertThat(spool.uris()).hasSize(1);
        String uri = spool.uris().get(0);
        assertThat(Files.size(files.file(uri.substring(uri.lastIndexOf('/') + 1)).orElseThrow())).isZero();
    }

    @Test
    void onlyWholeFilesOfTheFolderAreServed() throws IOException {
        HandoffFiles files = new HandoffFiles(folder.resolve("spool"), () -> Optional.of(BASE), Duration.ofHours(1), 10);
        Files.writeString(folder.resolve("secret.json"), "{}");
        Files.writeString(folder.resolve("spool").resolve("points-1-x-0.json.partial"), "{}");

        assertThat(files.file("../secret.json")).isEmpty();
        assertThat(files.file("points-1-x-0.json.partial")).isEmpty();
        assertThat(files.file("points-1-x-0.json")).isEmpty();
        assertThat(files.file(null)).isEmpty();
    }

    @Test
    void withoutTheGatewaysUrlTheFilesCannotBeNamedForDruid() {
        HandoffFiles files = new HandoffFiles(folder, Optional::empty, Duration.ofHours(1), 10);
        HandoffFiles.Spool spool = files.spool("points", 1);
        spool.close();

        assertThatThrownBy(spool::uris).isInstanceOf(JunctionException.class)
                .hasMessage("The gateway's HTTP server has not started: Druid cannot read the handoff's rows yet")
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE);
    }

    @Test
    void theConfiguredUrlMustBeAnHttpUrlWithAHost() {
        assertThat(HandoffFiles.baseUrl("http://10.0.0.7:8080/")).isEqualTo("http://10.0.0.7:8080");
        assertThat(HandoffFiles.baseUrl("https://gateway-0.junction:8443")).isEqualTo("https://gateway-0.junction:8443");
        for (String wrong : List.of("gateway:8080", "10.0.0.7:8080", "ftp://gateway/", "http:///x", "http://gw:8080?a=b",
                "http://gw 1:8080")) {
            assertThatThrownBy(() -> HandoffFiles.baseUrl(wrong)).isInstanceOf(JunctionException.class)
                    .hasMessage("junction.ingest.handoff-url=" + wrong + " is no http(s) URL of this gateway that Druid"
                            + " could read handoff files from, e.g. http://10.0.0.7:8080")
                    .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        }
    }

    @Test
    void aGatewayStartingDeletesTheFilesThatCrashedHandoffsLeftAndKeepsNewerOnes() throws IOException {
        Path old = Files.writeString(folder.resolve("points-1-a-0.json"), "{}");
        Path oldPartial = Files.writeString(folder.resolve("points-1-a-1.json.partial"), "{}");
        Path recent = Files.writeString(folder.resolve("points-2-b-0.json"), "{}");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(oldPartial, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        new HandoffFiles(folder, () -> Optional.of(BASE), Duration.ofHours(1), 10);

        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).containsExactly(recent);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
