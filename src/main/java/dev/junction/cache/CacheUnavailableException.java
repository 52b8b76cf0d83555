package dev.junction.cache;

/** Ignite did not answer a cache operation: the query goes on without the cache. Never leaves this package. */
final class CacheUnavailableException extends RuntimeException {
    CacheUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
