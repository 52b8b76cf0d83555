package dev.junction.jdbc;

import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Driver;

/**
 * Junction's JDBC driver: Avatica's remote driver, plus what the Avatica protocol cannot carry. Its
 * {@code Statement.cancel()} stops the running query on every engine it reached (the stock driver only marks the
 * statement), and {@code Statement.setQueryTimeout()} reaches the gateway (the stock driver keeps it to itself).
 * Everything else is the stock driver's, with the same connection properties; the URL starts with
 * {@code jdbc:junction:} instead of {@code jdbc:avatica:remote:}, e.g.
 * {@code jdbc:junction:url=http://localhost:8080/jdbc;serialization=protobuf}.
 *
 * <p>It needs Avatica's driver beside it: {@code avatica-core} or the shaded {@code avatica} jar BI tools load.
 */
public class JunctionDriver extends Driver {
    /** What URLs of this driver start with. */
    public static final String PREFIX = "jdbc:junction:";

    static {
        new JunctionDriver().register();
    }

    public JunctionDriver() {
        super();
    }

    @Override
    protected String getConnectStringPrefix() {
        return PREFIX;
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new JunctionJdbcFactory();
    }

    @Override
    protected DriverVersion createDriverVersion() {
        DriverVersion avatica = super.createDriverVersion();
        String version = JunctionDriver.class.getPackage().getImplementationVersion();
        return new DriverVersion("Junction JDBC Driver", version == null ? "unknown version" : version,
                avatica.productName, avatica.productVersion, avatica.jdbcCompliant, avatica.majorVersion,
                avatica.minorVersion, avatica.databaseMajorVersion, avatica.databaseMinorVersion);
    }
}
