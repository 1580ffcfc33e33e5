package io.portico.flight.demo;

/**
 * The DuckDB statements that create and fill the demo tables. Constants only: every value (seed, row counts) is a
 * bound parameter. Pseudo-random values come from {@code hash(hash(row, seed) // 2 + salt)} (a rehash, so that draws with different salts are independent), so the same seed and scale always
 * produce the same rows, and every timestamp is computed from epoch seconds, independent of the session time zone.
 */
final class DemoSql {

    private DemoSql() {
    }

    static final String CREATE_ORDERS = """
            CREATE TABLE orders (
                order_id BIGINT NOT NULL PRIMARY KEY,
                customer_id BIGINT NOT NULL,
                status VARCHAR NOT NULL,
                currency VARCHAR(3) NOT NULL,
                net_amount DECIMAL(12,2) NOT NULL,
                tax_amount DECIMAL(12,2) NOT NULL,
                total_amount DECIMAL(12,2) NOT NULL,
                item_count INTEGER NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP
            )""";

    static final String CREATE_CUSTOMERS = """
            CREATE TABLE customers (
                customer_id BIGINT NOT NULL PRIMARY KEY,
                full_name VARCHAR NOT NULL,
                email VARCHAR NOT NULL,
                phone VARCHAR,
                birth_date DATE,
                region VARCHAR NOT NULL,
                segment VARCHAR NOT NULL,
                signup_date DATE NOT NULL
            )""";

    static final String CREATE_SHIPMENTS = """
            CREATE TABLE shipments (
                shipment_id BIGINT NOT NULL PRIMARY KEY,
                order_id BIGINT NOT NULL,
                carrier VARCHAR NOT NULL,
                status VARCHAR NOT NULL,
                weight_kg DOUBLE NOT NULL,
                shipped_at TIMESTAMP WITH TIME ZONE NOT NULL,
                delivered_at TIMESTAMP WITH TIME ZONE
            )""";

    /**
     * Every order, generated. Parameters: seed, customer count, order count. Besides the orders' columns it yields
     * {@code seed}, {@code created_epoch} and {@code shipment_count} for the shipments of the logistics domain, which
     * regenerates the orders instead of reading another domain's database.
     */
    private static final String ORDERS_QUERY = """
            WITH settings AS (
                SELECT CAST(? AS BIGINT) AS seed, CAST(? AS BIGINT) AS customers
            ),
            draws AS (
                SELECT r.i AS i, s.seed AS seed, s.customers AS customers,
                       hash(hash(r.i, s.seed) // 2 + 1) AS customer_draw,
                       hash(hash(r.i, s.seed) // 2 + 2) % 100 AS status_draw,
                       hash(hash(r.i, s.seed) // 2 + 3) % 100 AS currency_draw,
                       hash(hash(r.i, s.seed) // 2 + 4) % 250000 AS net_draw,
                       hash(hash(r.i, s.seed) // 2 + 5) % 9 AS items_draw,
                       hash(hash(r.i, s.seed) // 2 + 6) % 63072000 AS created_draw,
                       hash(hash(r.i, s.seed) // 2 + 7) % 1209600 AS updated_draw,
                       hash(hash(r.i, s.seed) // 2 + 8) % 100 AS shipments_draw
                FROM range(?) AS r(i), settings AS s
            ),
            priced AS (
                SELECT d.*,
                       CASE WHEN status_draw < 8 THEN 'OPEN'
                            WHEN status_draw < 20 THEN 'PAID'
                            WHEN status_draw < 35 THEN 'SHIPPED'
                            WHEN status_draw < 93 THEN 'DELIVERED'
                            ELSE 'CANCELLED' END AS status,
                       CASE WHEN currency_draw < 45 THEN 'EUR'
                            WHEN currency_draw < 75 THEN 'USD'
                            WHEN currency_draw < 87 THEN 'GBP'
                            WHEN currency_draw < 94 THEN 'SEK'
                            ELSE 'CHF' END AS currency,
                       CAST(CAST(500 + net_draw AS DECIMAL(14,0)) * 0.01 AS DECIMAL(12,2)) AS net_amount,
                       1704067200 + CAST(created_draw AS BIGINT) AS created_epoch
                FROM draws AS d
            ),
            taxed AS (
                SELECT p.*,
                       CAST(round(net_amount * CASE currency WHEN 'EUR' THEN 0.21 WHEN 'USD' THEN 0.07
                                                             WHEN 'GBP' THEN 0.20 WHEN 'SEK' THEN 0.25
                                                             ELSE 0.081 END, 2) AS DECIMAL(12,2)) AS tax_amount
                FROM priced AS p
            )
            SELECT i + 1 AS order_id,
                   1 + CAST(customer_draw % customers AS BIGINT) AS customer_id,
                   status,
                   currency,
                   net_amount,
                   tax_amount,
                   CAST(net_amount + tax_amount AS DECIMAL(12,2)) AS total_amount,
                   1 + CAST(items_draw AS INTEGER) AS item_count,
                   to_timestamp(created_epoch) AS created_at,
                   CASE WHEN status = 'OPEN' THEN NULL
                        ELSE make_timestamp((created_epoch + 3600 + CAST(updated_draw AS BIGINT)) * 1000000) END AS updated_at,
                   seed,
                   created_epoch,
                   CASE WHEN status = 'OPEN' THEN 0 WHEN shipments_draw < 20 THEN 2 ELSE 1 END AS shipment_count
            FROM taxed
            """;

    /** Parameters: seed, customer count, order count. */
    static final String INSERT_ORDERS = """
            INSERT INTO orders
            SELECT order_id, customer_id, status, currency, net_amount, tax_amount, total_amount, item_count,
                   created_at, updated_at
            FROM (""" + ORDERS_QUERY + ") AS generated";

    /** Parameters: seed, customer count. */
    static final String INSERT_CUSTOMERS = """
            INSERT INTO customers
            SELECT customer_id, full_name, email, phone, birth_date, region, segment, signup_date
            FROM (
                WITH settings AS (
                    SELECT CAST(? AS BIGINT) AS seed
                ),
                draws AS (
                    SELECT r.i AS i,
                           hash(hash(r.i, s.seed) // 2 + 9) % 40 AS first_draw,
                           hash(hash(r.i, s.seed) // 2 + 10) % 40 AS last_draw,
                           hash(hash(r.i, s.seed) // 2 + 11) % 4 AS mail_draw,
                           hash(hash(r.i, s.seed) // 2 + 12) % 100 AS region_draw,
                           hash(hash(r.i, s.seed) // 2 + 13) % 100 AS segment_draw,
                           hash(hash(r.i, s.seed) // 2 + 14) AS phone_draw,
                           hash(hash(r.i, s.seed) // 2 + 15) % 100 AS phone_missing_draw,
                           hash(hash(r.i, s.seed) // 2 + 16) % 21900 AS birth_draw,
                           hash(hash(r.i, s.seed) // 2 + 17) % 100 AS birth_missing_draw,
                           hash(hash(r.i, s.seed) // 2 + 18) % 3650 AS signup_draw
                    FROM range(?) AS r(i), settings AS s
                ),
                named AS (
                    SELECT d.*,
                           list_element(['Ana', 'Ben', 'Chen', 'Dana', 'Emre', 'Fatima', 'Giulia', 'Hiro', 'Ines', 'Jonas',
                                         'Kofi', 'Lena', 'Mateo', 'Nadia', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara',
                                         'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Amara', 'Bruno', 'Carla', 'Dmitri',
                                         'Elif', 'Felix', 'Grace', 'Hugo', 'Isla', 'Jamal', 'Kaito', 'Lucia', 'Milan', 'Noor'],
                                        CAST(first_draw AS INTEGER) + 1) AS first_name,
                           list_element(['Okafor', 'Ortiz', 'Jansen', 'Muller', 'Rossi', 'Novak', 'Silva', 'Kim', 'Nguyen', 'Smith',
                                         'Garcia', 'Kowalski', 'Andersson', 'Dubois', 'Yilmaz', 'Tanaka', 'Patel', 'Cohen', 'Moreau', 'Haddad',
                                         'Berg', 'Costa', 'Fischer', 'Ivanova', 'Lee', 'Mendes', 'Nakamura', 'Olsen', 'Petrov', 'Quispe',
                                         'Rahman', 'Santos', 'Tran', 'Visser', 'Wang', 'Xu', 'Young', 'Zhang', 'Bakker', 'Eriksen'],
                                        CAST(last_draw AS INTEGER) + 1) AS last_name,
                           CASE WHEN region_draw < 50 THEN 'EMEA' WHEN region_draw < 82 THEN 'AMER' ELSE 'APAC' END AS region
                    FROM draws AS d
                )
                SELECT i + 1 AS customer_id,
                       first_name || ' ' || last_name AS full_name,
                       lower(first_name) || '.' || lower(last_name) || CAST(i + 1 AS VARCHAR) || '@'
                           || list_element(['example.com', 'example.org', 'example.net', 'mail.example.com'],
                                           CAST(mail_draw AS INTEGER) + 1) AS email,
                       CASE WHEN phone_missing_draw < 12 THEN NULL
                            WHEN region = 'EMEA' THEN '+31 6 ' || lpad(CAST(phone_draw % 100000000 AS VARCHAR), 8, '0')
                            WHEN region = 'AMER' THEN '+1 ' || CAST(200 + phone_draw % 800 AS VARCHAR) || ' 555 '
                                                      || lpad(CAST(phone_draw // 1000 % 10000 AS VARCHAR), 4, '0')
                            ELSE '+61 4 ' || lpad(CAST(phone_draw % 100000000 AS VARCHAR), 8, '0') END AS phone,
                       CASE WHEN birth_missing_draw < 8 THEN NULL
                            ELSE DATE '1945-01-01' + CAST(birth_draw AS INTEGER) END AS birth_date,
                       region,
                       CASE WHEN segment_draw < 70 THEN 'CONSUMER' WHEN segment_draw < 92 THEN 'SMB' ELSE 'ENTERPRISE' END AS segment,
                       DATE '2016-01-01' + CAST(signup_draw AS INTEGER) AS signup_date
                FROM named
            ) AS generated""";

    /** Parameters: seed, customer count, order count (of the sales domain generated with the same seed and scale). */
    static final String INSERT_SHIPMENTS = """
            INSERT INTO shipments
            SELECT row_number() OVER (ORDER BY order_id, k) AS shipment_id,
                   order_id,
                   CASE WHEN carrier_draw < 30 THEN 'DHL' WHEN carrier_draw < 50 THEN 'UPS' WHEN carrier_draw < 65 THEN 'FEDEX'
                        WHEN carrier_draw < 85 THEN 'POSTNL' ELSE 'DPD' END AS carrier,
                   CASE status WHEN 'PAID' THEN 'LABEL_CREATED' WHEN 'SHIPPED' THEN 'IN_TRANSIT'
                               WHEN 'DELIVERED' THEN 'DELIVERED' ELSE 'RETURNED' END AS status,
                   round(0.2 + CAST(weight_draw AS DOUBLE) / 1000.0, 3) AS weight_kg,
                   to_timestamp(shipped_epoch) AS shipped_at,
                   CASE WHEN status IN ('DELIVERED', 'CANCELLED')
                        THEN to_timestamp(shipped_epoch + 43200 + CAST(delivery_draw AS BIGINT)) END AS delivered_at
            FROM (
                SELECT o.order_id AS order_id, o.status AS status, k.k AS k,
                       hash(hash(o.order_id, k.k, o.seed) // 2 + 19) % 100 AS carrier_draw,
                       hash(hash(o.order_id, k.k, o.seed) // 2 + 20) % 30000 AS weight_draw,
                       hash(hash(o.order_id, k.k, o.seed) // 2 + 21) % 388800 AS delivery_draw,
                       o.created_epoch + 21600 + CAST(hash(hash(o.order_id, k.k, o.seed) // 2 + 22) % 259200 AS BIGINT) AS shipped_epoch
                FROM (""" + ORDERS_QUERY + """
                ) AS o, range(2) AS k(k)
                WHERE k.k < o.shipment_count
            ) AS generated""";
}
