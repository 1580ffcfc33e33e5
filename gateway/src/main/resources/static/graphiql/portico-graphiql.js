// Starts GraphiQL against this gateway's /graphql endpoint (same origin; nothing external is fetched).
(function () {
  'use strict';

  var exampleQuery = [
    '# Welcome to Portico: one GraphQL API over the output ports of the data mesh.',
    '# Press the play button (or Ctrl-Enter) to run this query; open the docs explorer',
    '# on the left to browse every domain and dataset.',
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
