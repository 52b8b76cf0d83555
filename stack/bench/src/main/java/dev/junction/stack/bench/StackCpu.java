package dev.junction.stack.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time the stack's processes have used, read from Linux's /proc: each PID file in the stack's run folder
 * ({@code .stack/run/ignite.pid}, …) names a process started in its own session, so its process group holds the
 * engine and everything it forked. Where there is no /proc or no run folder, the samples are empty.
 */
final class StackCpu {
    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on every Linux these machines run). */
    private static final long TICKS_PER_SECOND = 100;

    private StackCpu() {
    }

    /** CPU milliseconds so far, user plus system, by PID file name ({@code ignite}, {@code gateway}, …). */
    static Map<String, Long> sample(Path runFolder) {
        Map<String, Long> groups = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runFolder, "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                groups.put(name, Long.parseLong(Files.readString(file).trim()));
            }
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
        Map<String, Long> cpu = new LinkedHashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long[] groupAndTicks = groupAndTicks(process.resolve("stat"));
                if (groupAndTicks == null) {
                    continue;
                }
                groups.forEach((name, group) -> {
                    if (group == groupAndTicks[0]) {
                        cpu.merge(name, groupAndTicks[1] * 1000 / TICKS_PER_SECOND, Long::sum);
                    }
                });
            }
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    /** The process group and utime + stime ticks of one /proc/PID/stat, or null when the process is gone. */
    private static long[] groupAndTicks(Path stat) {
        try {
            String text = Files.readString(stat);
            // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): the group is field 5, utime and stime are fields 14 and 15.
            return new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
