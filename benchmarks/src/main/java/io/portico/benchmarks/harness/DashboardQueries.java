package io.portico.benchmarks.harness;

import java.util.List;

/**
 * The dashboard workload: 20 distinct aggregate queries over the demo mesh's three ports (sales orders, crm
 * customers, logistics shipments), as the panels of a few dashboards would ask them: counts and sums per status,
 * currency, segment or carrier, time series in every bucket, top groups, filtered totals.
 */
final class DashboardQueries {

    /** Orders per status and month over all 200,000 orders: the aggregate sent to the port straight too. */
    static final String ORDERS_BY_STATUS_AND_MONTH = "{ sales { ordersAggregate(groupBy: [status, createdAt],"
            + " buckets: {createdAt: MONTH}, first: 1000) { groups { key { status createdAt } count } } } }";

    /**
     * The statement the demo gateway sends the sales port for {@link #ORDERS_BY_STATUS_AND_MONTH} (steward: no row
     * filter), as the port's statement log shows it.
     */
    static final String ORDERS_BY_STATUS_AND_MONTH_STATEMENT = "select \"status\" \"portico_key_0\","
            + " date_trunc('month', \"created_at\") \"portico_key_1\", cast(count(*) as bigint) \"portico_count\""
            + " from \"orders\" where true group by \"status\", date_trunc('month', \"created_at\")"
            + " order by \"status\" asc nulls first, date_trunc('month', \"created_at\") asc nulls first limit 1000";

    static final List<String> ALL = List.of(
            ORDERS_BY_STATUS_AND_MONTH,
            "{ sales { ordersAggregate(groupBy: [status]) { groups { key { status } count } } } }",
            "{ sales { ordersAggregate(groupBy: [status, currency], orderBy: [{sum: {totalAmount: DESC}}], first: 10)"
                    + " { totalCount groups { key { status currency } count sum { totalAmount } } } } }",
            "{ sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: MONTH},"
                    + " orderBy: [{key: {createdAt: ASC}}], first: 1000) { groups { key { createdAt } count"
                    + " sum { totalAmount } } } } }",
            "{ sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: DAY},"
                    + " orderBy: [{key: {createdAt: DESC}}], first: 30) { groups { key { createdAt } count } } } }",
            "{ sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: WEEK}, first: 1000)"
                    + " { groups { key { createdAt } sum { itemCount } } } } }",
            "{ sales { ordersAggregate(groupBy: [createdAt], buckets: {createdAt: QUARTER}, first: 100)"
                    + " { groups { key { createdAt } avg { totalAmount } } } } }",
            "{ sales { ordersAggregate(groupBy: [createdAt, currency], buckets: {createdAt: YEAR}, first: 100)"
                    + " { groups { key { createdAt currency } count sum { netAmount taxAmount } } } } }",
            "{ sales { ordersAggregate(where: {status: {eq: \"PAID\"}}) { count sum { totalAmount itemCount }"
                    + " avg { totalAmount } countDistinct { customerId } } } }",
            "{ sales { ordersAggregate(groupBy: [status]) { groups { key { status } countDistinct { customerId } } } } }",
            "{ sales { ordersAggregate(groupBy: [currency]) { groups { key { currency } min { createdAt }"
                    + " max { createdAt } } } } }",
            "{ sales { ordersAggregate(where: {totalAmount: {gt: 500}}, groupBy: [status]) { groups { key { status }"
                    + " count avg { totalAmount } } } } }",
            "{ crm { customersAggregate(groupBy: [segment]) { groups { key { segment } count } } } }",
            "{ crm { customersAggregate(groupBy: [region, segment], orderBy: [{count: DESC}], first: 20)"
                    + " { groups { key { region segment } count } } } }",
            "{ crm { customersAggregate(groupBy: [signupDate], buckets: {signupDate: QUARTER}, first: 100)"
                    + " { groups { key { signupDate } count } } } }",
            "{ crm { customersAggregate(groupBy: [signupDate, region], buckets: {signupDate: YEAR}, first: 100)"
                    + " { groups { key { signupDate region } count } } } }",
            "{ logistics { shipmentsAggregate(groupBy: [carrier]) { groups { key { carrier } count"
                    + " avg { weightKg } } } } }",
            "{ logistics { shipmentsAggregate(groupBy: [status, carrier], first: 50) { groups { key { status carrier }"
                    + " count } } } }",
            "{ logistics { shipmentsAggregate(groupBy: [shippedAt], buckets: {shippedAt: MONTH}, first: 1000)"
                    + " { groups { key { shippedAt } count } } } }",
            "{ logistics { shipmentsAggregate { count min { shippedAt } max { deliveredAt } sum { weightKg } } } }");

    private DashboardQueries() {
    }
}
