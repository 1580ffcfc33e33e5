// Ready-to-run text for a dataset: a GraphQL query (opened in GraphiQL) and a Flight SQL statement with its JDBC
// URL. Only names the gateway generated (GraphQL names) go into the GraphQL text unquoted; contract names in SQL are
// quoted unless they are plain identifiers.

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * A field's line in the query; a classified field says its classification in a comment (a policy may deny or mask
 * it: the gateway then answers null or a masked value, with a FORBIDDEN error at the path when denied).
 */
function selection(field) {
  const classification = field.classification || '';
  const noted = /^[A-Za-z0-9_-]+$/.test(classification) && classification.toLowerCase() !== 'public';
  return field.graphQLName + (noted ? '  # ' + classification : '');
}

/** The GraphQL query reading the first rows of a served dataset; null when it is not in the schema. */
export function graphqlQuery(dataset) {
  if (!dataset.graphQLField) {
    return null;
  }
  const dot = dataset.graphQLField.indexOf('.');
  const domainField = dataset.graphQLField.slice(0, dot);
  const datasetField = dataset.graphQLField.slice(dot + 1);
  const fields = dataset.fields.filter(field => GRAPHQL_NAME.test(field.graphQLName)).map(selection);
  if (!GRAPHQL_NAME.test(domainField) || !GRAPHQL_NAME.test(datasetField) || fields.length === 0) {
    return null;
  }
  const operation = GRAPHQL_NAME.test(dataset.graphQLType || '') ? dataset.graphQLType + 'Sample' : 'Sample';
  return [
    '# ' + dataset.id,
    'query ' + operation + ' {',
    '  ' + domainField + ' {',
    '    ' + datasetField + '(first: 10) {',
    '      totalCount',
    '      nodes {',
    ...fields.map(line => '        ' + line),
    '      }',
    '      pageInfo {',
    '        hasNextPage',
    '        endCursor',
    '      }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');
}

/** GraphiQL on this gateway with the query in its editor (GraphiQL reads ?query= and the token of this tab). */
export function graphiqlHref(query) {
  return '/graphiql?query=' + encodeURIComponent(query);
}

/** A SQL identifier: as it is when plain, else double-quoted. */
export function sqlName(name) {
  return SQL_IDENTIFIER.test(name) ? name : '"' + String(name).replaceAll('"', '""') + '"';
}

/** The JDBC URL of this gateway's Flight SQL endpoint, as seen from the page's host; null when not served. */
export function jdbcUrl(flightSql, host) {
  if (!flightSql) {
    return null;
  }
  const authority = (host.includes(':') ? '[' + host + ']' : host) + ':' + flightSql.port;
  return 'jdbc:arrow-flight-sql://' + authority + '/?' + (flightSql.tls ? '' : 'useEncryption=false&') + 'token=<JWT>';
}

/** The Flight SQL / JDBC snippet of a dataset: the URL and a SELECT of its columns (catalog portico). */
export function flightSqlSnippet(domain, dataset, flightSql, host) {
  const url = jdbcUrl(flightSql, host);
  const columns = dataset.fields.map(field => sqlName(field.name)).join(', ') || '*';
  const lines = [];
  if (url) {
    lines.push('-- JDBC (Arrow Flight SQL driver, org.apache.arrow:flight-sql-jdbc-driver):');
    lines.push('-- ' + url);
  } else {
    lines.push('-- Flight SQL is not served by this gateway (portico.flight-sql.enabled=false)');
  }
  lines.push('SELECT ' + columns);
  lines.push('FROM portico.' + sqlName(domain) + '.' + sqlName(dataset.name));
  lines.push('LIMIT 100;');
  return lines.join('\n') + '\n';
}
