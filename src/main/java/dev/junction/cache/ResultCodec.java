package dev.junction.cache;

import dev.junction.sql.Column;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link CachedResult} as compact bytes and reads it back: a format byte, the header, then each value
 * as a one-byte tag and its payload (8 bytes for a BIGINT or DOUBLE, length-prefixed UTF-8 for text).
 */
public final class ResultCodec {
    // 3: the TTL after the creation time.
    private static final byte FORMAT = 3;
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte INT = 2;
    private static final byte SHORT = 3;
    private static final byte BYTE = 4;
    private static final byte DOUBLE = 5;
    private static final byte FLOAT = 6;
    private static final byte DECIMAL = 7;
    private static final byte STRING = 8;
    private static final byte TRUE = 9;
    private static final byte FALSE = 10;
    private static final byte DATE = 11;
    private static final byte TIMESTAMP = 12;
    private static final byte TIME = 13;
    private static final byte BYTES = 14;

    private ResultCodec() {
    }

    /**
     * The result as bytes; empty when it holds a value of a type the codec does not know (such a result is
     * answered but not cached).
     */
    public static Optional<byte[]> encode(CachedResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(result.createdMillis());
            out.writeLong(result.ttlMillis());
            writeText(out, result.stamp());
            out.writeBoolean(result.truncated());
            out.writeInt(result.columns().size());
            for (Column column : result.columns()) {
                writeText(out, column.name());
                writeText(out, column.type());
            }
            out.writeInt(result.rows().size());
            for (Object[] row : result.rows()) {
                for (Object value : row) {
                    if (!write(out, value)) {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(bytes.toByteArray());
    }

    /** @throws IllegalArgumentException when the bytes are not a result this codec wrote */
    public static CachedResult decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown cached result format " + format);
            }
            long created = in.readLong();
            long ttl = in.readLong();
            String stamp = readText(in);
            boolean truncated = in.readBoolean();
            int columnCount = in.readInt();
            List<Column> columns = new ArrayList<>(columnCount);
            for (int i = 0; i < columnCount; i++) {
                columns.add(new Column(readText(in), readText(in)));
            }
            int rowCount = in.readInt();
            List<Object[]> rows = new ArrayList<>(rowCount);
            for (int r = 0; r < rowCount; r++) {
                Object[] row = new Object[columnCount];
                for (int c = 0; c < columnCount; c++) {
                    row[c] = read(in);
                }
                rows.add(row);
            }
            return new CachedResult(columns, rows, truncated, created, stamp, ttl);
        } catch (IOException e) {
            throw new IllegalArgumentException("cached result is cut short", e);
        }
    }

    private static boolean write(DataOutputStream out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case Long v -> {
                out.writeByte(LONG);
                out.writeLong(v);
            }
            case Integer v -> {
                out.writeByte(INT);
                out.writeInt(v);
            }
            case Short v -> {
                out.writeByte(SHORT);
                out.writeShort(v);
            }
            case Byte v -> {
                out.writeByte(BYTE);
                out.writeByte(v);
            }
            case Double v -> {
                out.writeByte(DOUBLE);
                out.writeDouble(v);
            }
            case Float v -> {
                out.writeByte(FLOAT);
                out.writeFloat(v);
            }
            case BigDecimal v -> {
                out.writeByte(DECIMAL);
                out.writeInt(v.scale());
                writeBytes(out, v.unscaledValue().toByteArray());
            }
            case String v -> {
                out.writeByte(STRING);
                writeText(out, v);
            }
            case Boolean v -> out.writeByte(v ? TRUE : FALSE);
            case LocalDate v -> {
                out.writeByte(DATE);
                out.writeLong(v.toEpochDay());
            }
            case LocalDateTime v -> {
                out.writeByte(TIMESTAMP);
                out.writeLong(v.toLocalDate().toEpochDay());
                out.writeLong(v.toLocalTime().toNanoOfDay());
            }
            case LocalTime v -> {
                out.writeByte(TIME);
                out.writeLong(v.toNanoOfDay());
            }
            case byte[] v -> {
                out.writeByte(BYTES);
                writeBytes(out, v);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case INT -> in.readInt();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case STRING -> readText(in);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIMESTAMP -> LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case BYTES -> readBytes(in);
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
