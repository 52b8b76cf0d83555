package dev.junction.sql;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/** Calcite's type system widened to what the engines hold: DECIMAL up to 38 digits, as in Trino. */
public final class JunctionTypeSystem extends RelDataTypeSystemImpl {
    public static final JunctionTypeSystem INSTANCE = new JunctionTypeSystem();
    private static final int MAX_DECIMAL_DIGITS = 38;

    private JunctionTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxScale(typeName);
    }
}
