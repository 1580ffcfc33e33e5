// A product page: owner, description, service levels, endpoint health, relationships (drawn and listed), versions,
// and per dataset its fields, a ready GraphQL query, a Flight SQL / JDBC snippet and, for its owners, who uses it.

import * as api from './api.js';
import {h, replace, when} from './dom.js';
import {relationshipGraph, productOf} from './graph.js';
import {flightSqlSnippet, graphiqlHref, graphqlQuery} from './snippets.js';
import {usageSection} from './usage.js';

const PRODUCT_QUERY = `query Product($id: ID!) {
  dataProduct(id: $id) {
    id portId domain name dataProduct description version majorVersion status served tags
    team { name description members { username name role } }
    datasets { id name graphQLField graphQLType description tags primaryKey
      fields { name graphQLName logicalType physicalType graphQLType arrowType required classification tags
        description } }
    relationships { fromDataset fromFields targetDomain toDataset toFields cardinality description targetId dangling }
    sla { property value unit element description }
    endpoint { url dialect health { state lastCheck latencyMs message } }
    source registeredAt registeredBy
    history { id version majorVersion revision status registeredAt registeredBy endedAt endedBy }
  }
}`;

function productHref(id) {
  return '#/product/' + encodeURIComponent(id);
}

function section(title, id, ...children) {
  return h('section', {class: 'panel', id}, h('h2', {}, title), children);
}

function chips(values, kind) {
  return values.map(value => h('span', {class: 'chip ' + kind}, value));
}

/** Other products' relationships into this one, from the catalog index. */
function incomingLinks(product, index) {
  const links = [];
  for (const other of index) {
    if (other.id === product.id) {
      continue;
    }
    for (const relationship of other.relationships) {
      if (!relationship.targetId || productOf(relationship.targetId) !== product.id) {
        continue;
      }
      const from = other.datasets.find(dataset => dataset.name === relationship.fromDataset);
      const to = product.datasets.find(dataset => dataset.id === relationship.targetId);
      if (!to) {
        continue;
      }
      links.push({
        productId: other.id, productName: other.name, domain: other.domain,
        fromId: from ? from.id : other.id + '#' + relationship.fromDataset, fromDataset: relationship.fromDataset,
        fromFields: relationship.fromFields, toId: to.id, toDataset: to.name, toFields: relationship.toFields
      });
    }
  }
  return links;
}

function copyButton(text, label) {
  const button = h('button', {type: 'button', class: 'copy'}, label);
  button.addEventListener('click', async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch (e) {
      const area = h('textarea', {class: 'offscreen', readonly: true});
      area.value = text;
      document.body.appendChild(area);
      area.select();
      copied = document.execCommand('copy');
      area.remove();
    }
    button.textContent = copied ? 'Copied' : 'Select and copy by hand';
    button.setAttribute('data-copied', copied ? 'true' : 'false');
  });
  return button;
}

function snippet(title, kind, text, ...actions) {
  return h('div', {class: 'snippet', 'data-snippet': kind},
    h('div', {class: 'snippet-head'}, h('h4', {}, title), actions),
    h('pre', {}, h('code', {}, text)));
}

function overview(product, subject) {
  const team = product.team;
  const health = product.endpoint.health;
  const members = team && team.members ? h('ul', {class: 'members'}, team.members.map(member =>
    h('li', {}, member.name ? member.name + ' ' : '', h('code', {}, member.username),
      member.role ? ' · ' + member.role : ''))) : null;
  return h('div', {class: 'overview'},
    h('div', {class: 'fact', id: 'owner'}, h('h3', {}, 'Owner'),
      team ? [h('p', {class: 'team-name'}, team.name || 'unnamed team'),
        team.description ? h('p', {}, team.description) : null,
        members || (subject ? null : h('p', {class: 'muted'}, 'Sign in to see the team\'s contacts.'))]
        : h('p', {class: 'muted'}, 'The contract names no team.')),
    h('div', {class: 'fact', id: 'endpoint'}, h('h3', {}, 'Endpoint'),
      h('p', {}, h('span', {class: 'badge health-' + health.state.toLowerCase(), id: 'health-state'}, health.state),
        health.latencyMs !== null && health.latencyMs !== undefined ? ' ' + health.latencyMs.toFixed(1) + ' ms' : ''),
      h('p', {class: 'muted'}, health.message, health.lastCheck ? ' · checked ' + when(health.lastCheck) : ''),
      h('p', {}, product.endpoint.url ? h('code', {}, product.endpoint.url)
        : h('span', {class: 'muted'}, subject ? 'address not shown' : 'Sign in to see the address.'),
        ' · ', product.endpoint.dialect)),
    h('div', {class: 'fact', id: 'sla'}, h('h3', {}, 'Service levels'),
      product.sla.length ? h('table', {class: 'compact'}, h('tbody', {}, product.sla.map(entry => h('tr', {},
        h('th', {}, entry.property),
        h('td', {}, [entry.value, entry.unit].filter(Boolean).join(' '),
          entry.element ? h('span', {class: 'muted'}, ' on ' + entry.element) : null,
          entry.description ? h('div', {class: 'muted'}, entry.description) : null)))))
        : h('p', {class: 'muted'}, 'The contract states no service level.')),
    h('div', {class: 'fact', id: 'registration'}, h('h3', {}, 'Registration'),
      h('p', {}, product.source === 'LOCAL' ? 'start-up contract of this gateway' : 'published through the registry'),
      h('p', {class: 'muted'}, 'since ' + when(product.registeredAt),
        product.registeredBy ? ' by ' + product.registeredBy : ''),
      h('p', {}, 'port ', h('code', {}, product.portId))));
}

function relationships(product, incoming) {
  const graph = relationshipGraph(product, incoming);
  if (!graph) {
    return section('Relationships', 'relationships',
      h('p', {class: 'muted'}, 'No relationship from or to this product.'));
  }
  const rows = product.relationships.map(relationship => {
    const target = relationship.targetId ? productOf(relationship.targetId) : null;
    return h('tr', {},
      h('td', {}, relationship.fromDataset + '.' + relationship.fromFields.join(', ')),
      h('td', {}, target ? h('a', {href: productHref(target), class: 'follow'},
        relationship.targetDomain + '.' + relationship.toDataset + '.' + relationship.toFields.join(', '))
        : [relationship.targetDomain + '.' + relationship.toDataset + '.' + relationship.toFields.join(', '),
          h('span', {class: 'badge dangling'}, 'dangling')]),
      h('td', {}, relationship.cardinality),
      h('td', {}, relationship.description || ''));
  });
  const incomingRows = incoming.map(link => h('tr', {},
    h('td', {}, h('a', {href: productHref(link.productId), class: 'follow'},
      link.domain + '.' + link.fromDataset + '.' + link.fromFields.join(', '))),
    h('td', {}, link.toDataset + '.' + link.toFields.join(', ')), h('td', {}, 'points here'), h('td', {}, '')));
  return section('Relationships', 'relationships',
    h('div', {class: 'graph-wrap'}, graph),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'from'), h('th', {}, 'to'), h('th', {}, 'cardinality'),
      h('th', {}, 'description'))), h('tbody', {}, rows, incomingRows)));
}

function fieldsTable(dataset) {
  return h('table', {class: 'fields'},
    h('thead', {}, h('tr', {}, ['field', 'GraphQL', 'type', 'classification', 'tags', 'description']
      .map(title => h('th', {}, title)))),
    h('tbody', {}, dataset.fields.map(field => h('tr', {'data-field': field.name},
      h('td', {}, h('code', {}, field.name), dataset.primaryKey.includes(field.name)
        ? h('span', {class: 'badge key', title: 'primary key'}, 'key') : null,
      field.required ? h('span', {class: 'muted', title: 'required'}, ' required') : null),
      h('td', {}, field.graphQLName, field.graphQLType ? h('div', {class: 'muted'}, field.graphQLType) : null),
      h('td', {}, [field.logicalType, field.physicalType].filter(Boolean).join(' · '),
        field.arrowType ? h('div', {class: 'muted'}, field.arrowType) : null),
      h('td', {}, field.classification ? h('span', {
        class: 'badge class-' + String(field.classification).toLowerCase().replace(/[^a-z]/g, '')
      }, field.classification) : ''),
      h('td', {}, chips(field.tags, 'tag')),
      h('td', {class: 'description'}, field.description || '')))));
}

function datasetSection(product, dataset, context) {
  const query = graphqlQuery(dataset);
  const sql = flightSqlSnippet(product.domain, dataset, context.settings.flightSql, window.location.hostname);
  return h('section', {class: 'panel dataset', id: 'dataset-' + dataset.name, 'data-dataset': dataset.name},
    h('h2', {}, dataset.name, ' ', h('small', {class: 'muted'}, dataset.graphQLField || 'not served')),
    h('p', {class: 'id'}, h('code', {}, dataset.id)),
    dataset.description ? h('p', {class: 'description'}, dataset.description) : null,
    dataset.tags.length ? h('p', {class: 'tags'}, chips(dataset.tags, 'tag')) : null,
    fieldsTable(dataset),
    h('div', {class: 'snippets'},
      query ? snippet('GraphQL', 'graphql', query, copyButton(query, 'Copy query'),
        h('a', {href: graphiqlHref(query), class: 'button open-graphiql'},
          'Open in GraphiQL'))
        : h('p', {class: 'muted'}, 'Not in this gateway\'s GraphQL schema now (its port is down or this major ',
          'version is not served).'),
      snippet('Flight SQL / JDBC', 'sql', sql, copyButton(sql, 'Copy SQL'))),
    usageSection(product, dataset, context));
}

function history(product) {
  if (product.history.length === 0) {
    return section('Versions', 'history', h('p', {}, 'Version ' + product.version + ' (' + product.source
      + '). A start-up contract of this gateway keeps no history.'));
  }
  return section('Versions and history', 'history', h('table', {},
    h('thead', {}, h('tr', {}, ['version', 'revision', 'status', 'registered', 'ended']
      .map(title => h('th', {}, title)))),
    h('tbody', {}, product.history.map(entry => h('tr', {class: entry.status.toLowerCase()},
      h('td', {}, entry.id === product.id ? entry.version : h('a', {href: productHref(entry.id)}, entry.version)),
      h('td', {}, String(entry.revision)),
      h('td', {}, h('span', {class: 'badge status-' + entry.status.toLowerCase()}, entry.status)),
      h('td', {}, when(entry.registeredAt), entry.registeredBy ? ' by ' + entry.registeredBy : ''),
      h('td', {}, when(entry.endedAt), entry.endedBy ? ' by ' + entry.endedBy : ''))))));
}

export async function productView(main, id, params, context) {
  const [answer, index] = await Promise.all([api.graphql(PRODUCT_QUERY, {id}), context.index()]);
  const product = answer.data.dataProduct;
  if (!product) {
    const problem = answer.errors.length ? answer.errors[0].message : 'No data product has the id ' + id + '.';
    replace(main, h('div', {class: 'error-box', role: 'alert'}, h('h2', {}, 'No such data product'),
      h('p', {}, problem), h('p', {}, h('a', {href: '#/'}, 'Back to the catalog'))));
    return;
  }
  document.title = product.name + ' · Portico catalog';
  replace(main,
    h('nav', {class: 'crumbs'}, h('a', {href: '#/'}, 'Catalog'), ' / ',
      h('a', {href: '#/?domain=' + encodeURIComponent(product.domain)}, product.domain), ' / ', product.name),
    h('header', {class: 'product-head'},
      h('h1', {id: 'product-name'}, product.name),
      h('p', {class: 'meta'}, h('span', {class: 'chip domain'}, product.domain), ' ',
        h('span', {class: 'chip'}, 'v' + product.version), ' ',
        product.status ? h('span', {class: 'chip'}, product.status) : null, ' ',
        h('span', {class: 'chip ' + (product.served ? 'served' : 'unserved')}, product.served ? 'served' : 'not served'),
        ' ', chips(product.tags, 'tag')),
      h('p', {class: 'id'}, h('code', {id: 'product-id'}, product.id)),
      product.description ? h('p', {class: 'description', id: 'product-description'}, product.description) : null),
    overview(product, context.subject),
    relationships(product, incomingLinks(product, index)),
    product.datasets.map(dataset => datasetSection(product, dataset, context)),
    history(product));
}
