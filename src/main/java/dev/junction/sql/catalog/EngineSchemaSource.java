package dev.junction.sql.catalog;

import dev.junction.spi.SqlEngine;
import dev.junction.sql.plan.EngineConvention;

import javax.sql.DataSource;

/** What every schema of one engine is built from: its name, its SQL access, its data source and convention. */
record EngineSchemaSource(String engineName, SqlEngine engine, DataSource dataSource, EngineConvention convention) {
}
