// "Who uses my product": the dataset's usage report for its owning domain and the platform roles. The gateway
// refuses everyone else; the page says so instead of showing an error.

import * as api from './api.js';
import {h, replace, when} from './dom.js';

const DAYS = 30;

const USAGE_QUERY = `query Usage($domain: String!, $dataset: String!, $days: Int) {
  datasetUsage(domain: $domain, dataset: $dataset, days: $days) {
    dataset field reads subjects { id roles groups domains reads lastSeen }
  }
}`;

function report(rows, dataset) {
  const own = rows.filter(row => row.dataset === dataset.id);
  if (own.length === 0) {
    return h('p', {class: 'muted'}, 'Nobody read this dataset in the last ' + DAYS + ' days.');
  }
  return h('table', {class: 'usage-table'},
    h('thead', {}, h('tr', {}, ['field', 'reads', 'who (roles, groups, domains)', 'last seen']
      .map(title => h('th', {}, title)))),
    h('tbody', {}, own.flatMap(row => row.subjects.map((subject, position) => h('tr', {},
      position === 0 ? h('td', {rowspan: row.subjects.length}, h('code', {}, row.field),
        h('div', {class: 'muted'}, row.reads + ' reads')) : null,
      h('td', {}, String(subject.reads)),
      h('td', {}, h('strong', {}, subject.id || '(anonymous)'), ' ',
        h('span', {class: 'muted'}, [].concat(subject.roles, subject.groups, subject.domains).join(', '))),
      h('td', {}, when(subject.lastSeen)))))));
}

/** The usage block of a dataset: a sign-in prompt, the report, or why it is not shown. */
export function usageSection(product, dataset, context) {
  const body = h('div', {class: 'usage-body'});
  const block = h('div', {class: 'usage', 'data-usage': dataset.name},
    h('h3', {}, 'Who uses it (last ' + DAYS + ' days)'), body);
  if (!context.subject) {
    replace(body, h('p', {class: 'muted'}, 'Shown to the ' + product.domain + ' domain and the platform team: ',
      'sign in with their token to see who reads this dataset.'));
    return block;
  }
  replace(body, h('p', {class: 'muted'}, 'Loading…'));
  const refusal = (code, message) => replace(body, h('p', {class: 'muted', 'data-refused': code || 'ERROR'},
    code === 'FORBIDDEN' ? 'Only the ' + product.domain + ' domain and the platform team see who uses this dataset.'
      : 'The usage report is not available: ' + message));
  api.graphql(USAGE_QUERY, {domain: product.domain, dataset: dataset.name, days: DAYS})
    .then(answer => {
      const error = answer.errors[0];
      if (!answer.data.datasetUsage && error) {
        refusal(error.extensions && error.extensions.code, error.message);
        return;
      }
      replace(body, report(answer.data.datasetUsage || [], dataset));
    })
    .catch(error => refusal(error.code, error.message));
  return block;
}
