// The relationship graph of a product as inline SVG, laid out in three columns: the datasets of other products
// that point at this one (left), this product's datasets (middle), the datasets they point at (right). Boxes of
// other products link to their product page; a dangling target is drawn dashed.

import {s} from './dom.js';

const BOX_WIDTH = 230;
const BOX_HEIGHT = 44;
const ROW = 64;
const COLUMN_X = [10, 345, 680];
const WIDTH = COLUMN_X[2] + BOX_WIDTH + 10;

/** The product URN of a dataset URN (urn:portico:d:p:ds:vN -> urn:portico:d:p:vN). */
export function productOf(datasetId) {
  const parts = String(datasetId).split(':');
  return parts.length === 6 ? parts.slice(0, 4).concat(parts[5]).join(':') : null;
}

function clip(text, length) {
  const value = String(text);
  return value.length > length ? value.slice(0, length - 1) + '…' : value;
}

/**
 * The nodes and edges of a product's graph.
 *
 * @param product  the product (id, datasets {id, name}, relationships)
 * @param incoming [{productId, productName, domain, fromId, fromDataset, fromFields, toId, toDataset, toFields}]
 *                 from other products into this one (toId: the URN of one of this product's datasets)
 */
export function layout(product, incoming) {
  const nodes = new Map();
  const edges = [];
  const columns = [[], [], []];
  const node = (key, column, fields) => {
    if (!nodes.has(key)) {
      const entry = Object.assign({key, column, row: columns[column].length}, fields);
      columns[column].push(entry);
      nodes.set(key, entry);
    }
    return nodes.get(key);
  };
  for (const dataset of product.datasets) {
    node(dataset.id, 1, {title: dataset.name, subtitle: product.domain + ' · this product', own: true});
  }
  const ownByName = new Map(product.datasets.map(dataset => [dataset.name, dataset]));
  for (const relationship of product.relationships) {
    const from = ownByName.get(relationship.fromDataset);
    if (!from) {
      continue;
    }
    const targetProduct = relationship.targetId ? productOf(relationship.targetId) : null;
    const target = targetProduct === product.id
      ? nodes.get(relationship.targetId)
      : node(relationship.targetId || 'dangling:' + relationship.targetDomain + '.' + relationship.toDataset, 2, {
        title: relationship.toDataset,
        subtitle: relationship.targetDomain + (relationship.dangling ? ' · not in the catalog' : ''),
        href: targetProduct ? '#/product/' + encodeURIComponent(targetProduct) : null,
        dangling: relationship.dangling
      });
    if (target) {
      edges.push({from: nodes.get(from.id), to: target, label: relationship.fromFields.join(', ')});
    }
  }
  for (const link of incoming) {
    const to = nodes.get(link.toId);
    if (!to) {
      continue;
    }
    const source = node(link.fromId, 0, {
      title: link.fromDataset, subtitle: link.domain + ' · ' + link.productName,
      href: '#/product/' + encodeURIComponent(link.productId)
    });
    edges.push({from: source, to, label: link.fromFields.join(', ')});
  }
  return {columns, edges};
}

/** Draws the graph; null when the product has no relationship either way. */
export function relationshipGraph(product, incoming) {
  const {columns, edges} = layout(product, incoming);
  if (edges.length === 0) {
    return null;
  }
  const rows = Math.max(...columns.map(column => column.length));
  const place = node => {
    const padding = (rows - columns[node.column].length) * ROW / 2;
    return {x: COLUMN_X[node.column], y: 20 + node.row * ROW + padding};
  };
  const height = 40 + rows * ROW - (ROW - BOX_HEIGHT);
  const svg = s('svg', {
    class: 'graph', viewBox: '0 0 ' + WIDTH + ' ' + height, width: WIDTH, height,
    role: 'img', 'aria-label': 'Relationships of ' + product.name
  });
  svg.appendChild(s('defs', {}, s('marker', {
    id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'
  }, s('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead'}))));
  for (const edge of edges) {
    svg.appendChild(drawEdge(place(edge.from), place(edge.to), edge));
  }
  for (const column of columns) {
    for (const node of column) {
      svg.appendChild(drawNode(place(node), node));
    }
  }
  return svg;
}

function drawEdge(from, to, edge) {
  let d;
  let labelX;
  let labelY;
  const sameColumn = edge.from.column === edge.to.column;
  if (sameColumn) {
    const x = from.x + BOX_WIDTH;
    const y1 = from.y + BOX_HEIGHT / 2;
    const y2 = to.y + BOX_HEIGHT / 2;
    d = 'M' + x + ',' + y1 + ' C' + (x + 70) + ',' + y1 + ' ' + (x + 70) + ',' + y2 + ' ' + x + ',' + y2;
    labelX = x + 56;
    labelY = (y1 + y2) / 2;
  } else {
    const x1 = from.x + BOX_WIDTH;
    const y1 = from.y + BOX_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + BOX_HEIGHT / 2;
    const middle = (x1 + x2) / 2;
    d = 'M' + x1 + ',' + y1 + ' C' + middle + ',' + y1 + ' ' + middle + ',' + y2 + ' ' + x2 + ',' + y2;
    labelX = x1 + 8;
    labelY = y1 - 6;
  }
  return s('g', {class: 'edge'},
    s('path', {d, 'marker-end': 'url(#arrow)'}),
    s('text', {x: labelX, y: labelY, 'text-anchor': sameColumn ? 'middle' : 'start', class: 'edge-label'},
      clip(edge.label, 30)));
}

function drawNode(at, node) {
  const kind = node.own ? 'own' : node.dangling ? 'dangling' : 'other';
  const group = s('g', {class: 'node ' + kind, transform: 'translate(' + at.x + ',' + at.y + ')'},
    s('title', {}, node.title + ' (' + node.subtitle + ')'),
    s('rect', {width: BOX_WIDTH, height: BOX_HEIGHT, rx: 6}),
    s('text', {x: 12, y: 19, class: 'node-title'}, clip(node.title, 30)),
    s('text', {x: 12, y: 35, class: 'node-subtitle'}, clip(node.subtitle, 36)));
  if (!node.href) {
    return group;
  }
  return s('a', {href: node.href, class: 'node-link', 'data-product': node.href.slice('#/product/'.length)}, group);
}
