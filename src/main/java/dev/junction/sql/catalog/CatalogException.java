package dev.junction.sql.catalog;

import java.sql.SQLException;

/** Reading an engine's metadata failed while a query was being planned. */
public final class CatalogException extends RuntimeException {
    private final String engineName;

    CatalogException(String engineName, SQLException cause) {
        super("Reading the metadata of engine '" + engineName + "' failed: " + cause.getMessage(), cause);
        this.engineName = engineName;
    }

    public String engineName() {
        return engineName;
    }
}
