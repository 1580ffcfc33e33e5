package io.portico.gateway.flightsql;

import java.util.List;
import java.util.Set;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlNullOrdering;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlOuterJoinsSupportLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedGroupBy;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedAnsi92SqlGrammarLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedSqlGrammar;

/**
 * What the gateway's endpoint tells Flight SQL clients about itself ({@code GetSqlInfo}), truthfully: a read-only
 * server of {@code SELECT}s of one table or of a join of tables of one port, inner or left outer (docs/flight-sql.md
 * lists the SQL), no transactions, no DDL, no subqueries or unions, identifiers unquoted case-insensitive and quoted
 * with {@code "}.
 */
final class GatewaySqlInfo {

    static final String SERVER_NAME = "Portico gateway";

    private GatewaySqlInfo() {
    }

    static SqlInfoBuilder builder() {
        return new SqlInfoBuilder()
                .withFlightSqlServerName(SERVER_NAME)
                .withFlightSqlServerVersion(version(GatewaySqlInfo.class.getPackage().getImplementationVersion()))
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
                .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlAllTablesAreSelectable(true)
                .withSqlSupportsColumnAliasing(true)
                .withSqlSupportsTableCorrelationNames(true)
                .withSqlSupportsExpressionsInOrderBy(false)
                .withSqlSupportsOrderByUnrelated(true)
                .withSqlSupportsLikeEscapeClause(false)
                .withSqlNullPlusNullIsNull(true)
                .withSqlNullOrdering(SqlNullOrdering.SQL_NULLS_SORTED_AT_END)
                .withSqlSelectForUpdateSupported(false)
                .withSqlStoredProceduresSupported(false)
                .withSqlCorrelatedSubqueriesSupported(false)
                .withSqlOuterJoinSupportLevel(SqlOuterJoinsSupportLevel.SQL_LIMITED_OUTER_JOINS)
                .withSqlBatchUpdatesSupported(false)
                .withSqlSavepointsSupported(false)
                .withSqlNamedParametersSupported(false)
                .withSqlMaxStatements(1)
                .withSqlSupportedGrammar(SupportedSqlGrammar.SQL_MINIMUM_GRAMMAR)
                .withSqlAnsi92SupportedLevel(SupportedAnsi92SqlGrammarLevel.ANSI92_ENTRY_SQL)
                .withSqlSupportedGroupBy(SqlSupportedGroupBy.SQL_GROUP_BY_UNRELATED);
    }

    /**
     * The requested infos the endpoint answers, in order; all of them for an empty request. Arrow's builder fails
     * on an info it was not given, so unknown ones are left out (as Flight SQL allows).
     */
    static List<Integer> answerable(List<Integer> requested) {
        return requested.isEmpty() ? requested : requested.stream().filter(ANSWERED::contains).toList();
    }

    private static final Set<Integer> ANSWERED = Set.of(
            SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_VERSION_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_ARROW_VERSION_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_SQL_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_SUBSTRAIT_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_TRANSACTION_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_CANCEL_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_BULK_INGESTION_VALUE,
            SqlInfo.SQL_TRANSACTIONS_SUPPORTED_VALUE,
            SqlInfo.SQL_DDL_CATALOG_VALUE,
            SqlInfo.SQL_DDL_SCHEMA_VALUE,
            SqlInfo.SQL_DDL_TABLE_VALUE,
            SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR_VALUE,
            SqlInfo.SQL_IDENTIFIER_CASE_VALUE,
            SqlInfo.SQL_QUOTED_IDENTIFIER_CASE_VALUE,
            SqlInfo.SQL_ALL_TABLES_ARE_SELECTABLE_VALUE,
            SqlInfo.SQL_SUPPORTS_COLUMN_ALIASING_VALUE,
            SqlInfo.SQL_SUPPORTS_TABLE_CORRELATION_NAMES_VALUE,
            SqlInfo.SQL_SUPPORTS_EXPRESSIONS_IN_ORDER_BY_VALUE,
            SqlInfo.SQL_SUPPORTS_ORDER_BY_UNRELATED_VALUE,
            SqlInfo.SQL_SUPPORTS_LIKE_ESCAPE_CLAUSE_VALUE,
            SqlInfo.SQL_NULL_PLUS_NULL_IS_NULL_VALUE,
            SqlInfo.SQL_NULL_ORDERING_VALUE,
            SqlInfo.SQL_SELECT_FOR_UPDATE_SUPPORTED_VALUE,
            SqlInfo.SQL_STORED_PROCEDURES_SUPPORTED_VALUE,
            SqlInfo.SQL_CORRELATED_SUBQUERIES_SUPPORTED_VALUE,
            SqlInfo.SQL_OUTER_JOINS_SUPPORT_LEVEL_VALUE,
            SqlInfo.SQL_BATCH_UPDATES_SUPPORTED_VALUE,
            SqlInfo.SQL_SAVEPOINTS_SUPPORTED_VALUE,
            SqlInfo.SQL_NAMED_PARAMETERS_SUPPORTED_VALUE,
            SqlInfo.SQL_MAX_STATEMENTS_VALUE,
            SqlInfo.SQL_SUPPORTED_GRAMMAR_VALUE,
            SqlInfo.SQL_ANSI92_SUPPORTED_LEVEL_VALUE,
            SqlInfo.SQL_SUPPORTED_GROUP_BY_VALUE);

    private static String version(String implementationVersion) {
        return implementationVersion == null ? "dev" : implementationVersion;
    }
}
