// Starts GraphiQL against this gateway's /graphql endpoint (same origin; nothing external is fetched).
(function () {
  'use strict';

  var exampleQuery = [
    '# Portico: one GraphQL API over the data mesh.',
    '# Run this query with the play button or Ctrl-Enter.',
    '# The docs explorer (top left) lists every dataset.',
    '',
    'query OpenOrders {',
    '  sales {',
    '    orders(',
    '      where: {status: {eq: "OPEN"}, totalAmount: {gt: 100}}',
    '      orderBy: [{totalAmount: DESC}, {orderId: ASC}]',
    '      first: 10',
    '    ) {',
    '      totalCount',
    '      nodes {',
    '        orderId',
    '        customerId',
    '        status',
    '        currency',
    '        totalAmount',
    '        createdAt',
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

  var endpoint = new URL('/graphql', window.location.href).toString();
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: exampleQuery,
    defaultEditorToolsVisibility: true
  }));
})();
