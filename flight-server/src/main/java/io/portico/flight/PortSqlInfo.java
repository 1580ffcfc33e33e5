package io.portico.flight;

import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlNullOrdering;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlOuterJoinsSupportLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedGroupBy;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedSubqueries;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedUnions;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedAnsi92SqlGrammarLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedSqlGrammar;

/** What the port tells Flight SQL clients about itself ({@code GetSqlInfo}): a read-only SQL server of SELECTs. */
final class PortSqlInfo {

    static final String SERVER_NAME = "Portico flight-server";

    private PortSqlInfo() {
    }

    static SqlInfoBuilder of(IdentifierRules rules) {
        return new SqlInfoBuilder()
                .withFlightSqlServerName(SERVER_NAME)
                .withFlightSqlServerVersion(version(PortSqlInfo.class.getPackage().getImplementationVersion()))
                .withFlightSqlServerArrowVersion(version(FlightServer.class.getPackage().getImplementationVersion()))
                .withFlightSqlServerReadOnly(true)
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
                .withFlightSqlServerCancel(false)
                .withFlightSqlServerBulkIngestion(false)
                .withSqlTransactionsSupported(false)
                .withSqlDdlCatalog(false)
                .withSqlDdlSchema(false)
                .withSqlDdlTable(false)
                .withSqlIdentifierQuoteChar("\"")
                .withSqlIdentifierCase(identifierCase(rules))
                .withSqlQuotedIdentifierCase(rules.caseInsensitive()
                        ? SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE
                        : SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_UNKNOWN)
                .withSqlAllTablesAreSelectable(true)
                .withSqlSupportsColumnAliasing(true)
                .withSqlSupportsTableCorrelationNames(true)
                .withSqlSupportsExpressionsInOrderBy(true)
                .withSqlSupportsOrderByUnrelated(true)
                .withSqlSupportsLikeEscapeClause(true)
                .withSqlNullPlusNullIsNull(true)
                .withSqlNullOrdering(SqlNullOrdering.SQL_NULLS_SORTED_AT_END)
                .withSqlSelectForUpdateSupported(false)
                .withSqlStoredProceduresSupported(false)
                .withSqlCorrelatedSubqueriesSupported(true)
                .withSqlBatchUpdatesSupported(false)
                .withSqlSavepointsSupported(false)
                .withSqlNamedParametersSupported(false)
                .withSqlMaxStatements(1)
                .withSqlSupportedGrammar(SupportedSqlGrammar.SQL_CORE_GRAMMAR)
                .withSqlAnsi92SupportedLevel(SupportedAnsi92SqlGrammarLevel.ANSI92_ENTRY_SQL)
                .withSqlSupportedGroupBy(SqlSupportedGroupBy.SQL_GROUP_BY_UNRELATED)
                .withSqlSubQueriesSupported(SqlSupportedSubqueries.SQL_SUBQUERIES_IN_COMPARISONS,
                        SqlSupportedSubqueries.SQL_SUBQUERIES_IN_EXISTS, SqlSupportedSubqueries.SQL_SUBQUERIES_IN_INS)
                .withSqlSupportedUnions(SqlSupportedUnions.SQL_UNION, SqlSupportedUnions.SQL_UNION_ALL)
                .withSqlOuterJoinSupportLevel(SqlOuterJoinsSupportLevel.SQL_FULL_OUTER_JOINS);
    }

    private static SqlSupportedCaseSensitivity identifierCase(IdentifierRules rules) {
        if (rules.caseInsensitive()) {
            return SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE;
        }
        return switch (rules.unquotedCase()) {
            case UPPER -> SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_UPPERCASE;
            case LOWER -> SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_LOWERCASE;
            case AS_IS -> SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE;
        };
    }

    private static String version(String implementationVersion) {
        return implementationVersion == null ? "dev" : implementationVersion;
    }
}
