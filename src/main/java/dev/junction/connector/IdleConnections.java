package dev.junction.connector;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One engine's connections kept open between statements: opening one costs a round trip or more (Ignite's
 * handshake, Avatica's open-connection request), which a short query would otherwise pay every time. A kept
 * connection goes back here when closed; {@link Connection#abort} (after a failure or a cancel) really closes it.
 */
final class IdleConnections {
    private final int capacity;
    private final long maxIdleNanos;
    private final Deque<Idle> idle = new ArrayDeque<>();

    IdleConnections(int capacity, Duration maxIdle) {
        this.capacity = capacity;
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /** A connection kept open and not too old, if there is one. */
    Optional<Connection> take() {
        while (true) {
            Idle next;
            synchronized (idle) {
                next = idle.pollFirst();
            }
            if (next == null) {
                return Optional.empty();
            }
            if (System.nanoTime() - next.since() < maxIdleNanos && isOpen(next.connection())) {
                return Optional.of(kept(next.connection()));
            }
            closeQuietly(next.connection());
        }
    }

    /** A new connection that comes back here when closed. */
    Connection keep(Connection connection) {
        return kept(connection);
    }

    private Connection kept(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(connection));
    }

    private void giveBack(Connection connection) {
        synchronized (idle) {
            if (idle.size() < capacity) {
                idle.addFirst(new Idle(connection, System.nanoTime()));
                return;
            }
        }
        closeQuietly(connection);
    }

    private static boolean isOpen(Connection connection) {
        try {
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // Already broken: nothing to give back.
        }
    }

    private record Idle(Connection connection, long since) {
    }

    /** Turns close into give-back and abort into close, once. */
    private final class Handler implements InvocationHandler {
        private final Connection connection;
        private boolean released;

        Handler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!released) {
                        released = true;
                        if (isOpen(connection)) {
                            giveBack(connection);
                        }
                    }
                    return null;
                }
                case "abort" -> {
                    released = true;
                    closeQuietly(connection);
                    return null;
                }
                case "isClosed" -> {
                    return released || connection.isClosed();
                }
                default -> {
                    if (released) {
                        throw new SQLException("connection closed");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }
}
