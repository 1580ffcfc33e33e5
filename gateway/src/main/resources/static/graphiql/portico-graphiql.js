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

  // The catalog page (/) opens GraphiQL with ?query=<a dataset's query> and keeps the visitor's token in this
  // tab's sessionStorage under 'portico.token': both are taken over here (the token into the headers editor).
  function storedToken() {
    try {
      return window.sessionStorage.getItem('portico.token') || '';
    } catch (e) {
      return '';
    }
  }

  var endpoint = new URL('/graphql', window.location.href).toString();
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  var props = {
    fetcher: fetcher,
    defaultQuery: exampleQuery,
    defaultEditorToolsVisibility: true
  };
  var linkedQuery = new URLSearchParams(window.location.search).get('query');
  if (linkedQuery) {
    props.query = linkedQuery;
  }
  var token = storedToken();
  if (token) {
    props.headers = JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2);
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, props));
})();
