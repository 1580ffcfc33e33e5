// Browse and search: a form (words, domain, tag, classification) kept in the URL (#/?search=...&domain=...), the
// matching products as cards, 50 at a time.

import * as api from './api.js';
import {h, replace} from './dom.js';

const PAGE_SIZE = 50;
const FILTERS = ['search', 'domain', 'tag', 'classification'];

const PRODUCTS_QUERY = `query Products($search: String, $domain: String, $tag: String, $classification: String,
    $first: Int, $after: String) {
  dataProducts(search: $search, domain: $domain, tag: $tag, classification: $classification, first: $first,
      after: $after) {
    totalCount
    nodes { id name domain version status served description tags
      datasets { name fields { name } }
      endpoint { health { state } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function distinct(values) {
  return [...new Set(values.filter(Boolean).map(value => String(value).toLowerCase()))].sort();
}

/** Domains, tags and classifications that occur in the catalog, for the form's lists. */
function facets(products) {
  const tags = [];
  const classifications = [];
  for (const product of products) {
    tags.push(...product.tags);
    for (const dataset of product.datasets) {
      tags.push(...dataset.tags);
      for (const field of dataset.fields) {
        tags.push(...field.tags);
        classifications.push(field.classification);
      }
    }
  }
  return {
    domain: distinct(products.map(product => product.domain)),
    tag: distinct(tags),
    classification: distinct(classifications)
  };
}

function hrefWith(params) {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    if (params[name]) {
      query.set(name, params[name]);
    }
  }
  const text = query.toString();
  return '#/' + (text ? '?' + text : '');
}

function select(name, label, options, value) {
  const choices = options.includes(value) || !value ? options : options.concat(value);
  return h('label', {class: 'field'}, label,
    h('select', {name, id: 'filter-' + name},
      h('option', {value: ''}, 'any'),
      choices.map(option => h('option', {value: option, selected: option === value}, option))));
}

function searchForm(params, lists) {
  const onSubmit = event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const next = {};
    for (const name of FILTERS) {
      next[name] = String(form.get(name) || '').trim();
    }
    window.location.hash = hrefWith(next);
  };
  return h('form', {class: 'search', role: 'search', on: {submit: onSubmit}},
    h('label', {class: 'field grow'}, 'Search names, descriptions and fields',
      h('input', {
        type: 'search', name: 'search', id: 'search-input', value: params.search || '',
        placeholder: 'e.g. customer email, orderId, kilograms'
      })),
    select('domain', 'Domain', lists.domain, params.domain),
    select('tag', 'Tag', lists.tag, params.tag),
    select('classification', 'Classification', lists.classification, params.classification),
    h('button', {type: 'submit', class: 'primary'}, 'Search'),
    h('a', {href: '#/', class: 'reset'}, 'Clear'));
}

function healthBadge(state) {
  return h('span', {class: 'badge health-' + String(state).toLowerCase(), title: 'endpoint health'}, state);
}

function card(product, params) {
  const href = '#/product/' + encodeURIComponent(product.id);
  const fields = product.datasets.reduce((count, dataset) => count + dataset.fields.length, 0);
  return h('article', {class: 'card', 'data-id': product.id},
    h('header', {},
      h('h3', {}, h('a', {href, class: 'product-link'}, product.name)),
      healthBadge(product.endpoint.health.state)),
    h('p', {class: 'meta'},
      h('a', {href: hrefWith(Object.assign({}, params, {domain: product.domain})), class: 'chip domain'},
        product.domain),
      ' v' + product.version,
      product.status ? ' · ' + product.status : '',
      product.served ? '' : ' · not served'),
    product.description ? h('p', {class: 'description'}, product.description) : null,
    h('p', {class: 'datasets muted'},
      product.datasets.map(dataset => dataset.name).join(', '), ' · ', fields + ' fields'),
    product.tags.length ? h('p', {class: 'tags'}, product.tags.map(tag =>
      h('a', {href: hrefWith(Object.assign({}, params, {tag})), class: 'chip tag'}, tag))) : null,
    h('p', {class: 'id'}, h('code', {}, product.id)));
}

export async function browseView(main, query, context) {
  const params = {};
  for (const name of FILTERS) {
    params[name] = query.get(name) || '';
  }
  const variables = {first: PAGE_SIZE};
  for (const name of FILTERS) {
    if (params[name]) {
      variables[name] = params[name];
    }
  }
  const [index, answer] = await Promise.all([context.index(), api.graphql(PRODUCTS_QUERY, variables)]);
  const page = answer.data.dataProducts;
  const list = h('div', {class: 'cards', id: 'results'}, page.nodes.map(product => card(product, params)));
  const more = h('div', {class: 'more'});
  const showMore = (pageInfo) => {
    replace(more, pageInfo.hasNextPage ? h('button', {
      type: 'button', on: {
        click: async () => {
          const next = await api.graphql(PRODUCTS_QUERY, Object.assign({}, variables, {after: pageInfo.endCursor}));
          list.append(...next.data.dataProducts.nodes.map(product => card(product, params)));
          showMore(next.data.dataProducts.pageInfo);
        }
      }
    }, 'Show more') : null);
  };
  showMore(page.pageInfo);
  const filtered = FILTERS.some(name => params[name]);
  document.title = 'Portico · Data product catalog';
  replace(main,
    context.subject ? null : context.signInPrompt('You are browsing as a guest: endpoint addresses, team contacts, '
      + 'registrants and usage reports are shown after signing in.'),
    searchForm(params, facets(index)),
    h('p', {class: 'count', id: 'result-count'}, page.totalCount === 1 ? '1 data product'
      : page.totalCount + ' data products', filtered ? ' match' : ' in the catalog'),
    page.nodes.length ? list : h('p', {class: 'empty'}, 'No data product matches. Try fewer words or clear a filter.'),
    more);
}
