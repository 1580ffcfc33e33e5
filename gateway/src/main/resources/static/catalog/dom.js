// Builds DOM nodes. Every text goes in as a Text node (textContent): contract text is user input and is never
// parsed as HTML. Attributes are set one by one; event handlers only as functions (on: {click: fn}).

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        node.addEventListener(event, handler);
      }
    } else if (name.toLowerCase().startsWith('on')) {
      throw new Error('event handlers are functions in "on", never attribute text: ' + name);
    } else if (name === 'href' || name === 'src') {
      node.setAttribute(name, safeUrl(value));
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Links stay on this gateway: a fragment, a path or a query of this origin; anything else becomes '#'. */
export function safeUrl(value) {
  const text = String(value);
  return /^(#|\/(?!\/)|\?)/.test(text) ? text : '#';
}

/** An HTML element: h('a', {href: '#/', class: 'x'}, 'text', child, [more]). */
export function h(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element, built like h(). */
export function s(tag, attributes, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

/** Replaces the children of a node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A short date and time in the visitor's locale, or '' for none. */
export function when(timestamp) {
  if (!timestamp) {
    return '';
  }
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? String(timestamp) : date.toLocaleString();
}
