package dev.junction.sql.hybrid;

/**
 * Planning found no cold datasource in the catalog although handoffs have moved rows there (the first handoff
 * created it after the catalog last read Druid's tables). The catalog has been refreshed when this is thrown:
 * planning the statement again reads the datasource, where planning on would silently leave its rows out.
 */
public final class ColdTierNotInCatalogException extends RuntimeException {
    public ColdTierNotInCatalogException(String message) {
        super(message, null, false, false);
    }
}
