// The catalog page: routes (#/ browse and search, #/product/<id> a product), the session (who is signed in, the
// sign-in panel) and the catalog index shared by both views.

import * as api from './api.js';
import {h, replace} from './dom.js';
import {browseView} from './browse.js';
import {productView} from './product.js';

const DEMO_ROLES = [
  {label: 'Analyst', request: {subject: 'ada', roles: ['analyst']}},
  {label: 'Data steward', request: {subject: 'sam', roles: ['steward']}},
  {label: 'Support (EMEA)', request: {subject: 'sue', roles: ['support'], claims: {region: 'EMEA'}}},
  {label: 'Sales team (owns sales)', request: {subject: 'sales-team', domains: ['sales']}},
  {label: 'CRM team (owns crm)', request: {subject: 'crm-team', domains: ['crm']}},
  {label: 'Platform', request: {subject: 'pat', roles: ['platform']}}
];

const INDEX_QUERY = `{ dataProducts(first: 1000) { totalCount nodes {
  id name domain tags
  datasets { id name tags fields { classification tags } }
  relationships { fromDataset fromFields targetId toDataset toFields } } } }`;

const state = {settings: {demo: false, flightSql: null}, subject: null, notice: null, index: null};

/** What every view gets: the session, the settings, the index of all products, and how to sign in. */
const context = {
  get subject() {
    return state.subject;
  },
  get settings() {
    return state.settings;
  },
  index: loadIndex,
  signInPrompt,
  refused
};

async function loadIndex() {
  if (!state.index) {
    state.index = api.graphql(INDEX_QUERY).then(answer => answer.data.dataProducts.nodes);
    state.index.catch(() => {
      state.index = null;
    });
  }
  return state.index;
}

/** Called by a view when the gateway refused the token: forget it, say why, show the page as a guest. */
async function refused(error) {
  api.setToken('');
  state.subject = null;
  state.index = null;
  state.notice = 'Your token was refused: ' + error.message + '. Sign in again.';
  renderSession();
  await route();
}

function signInPrompt(text) {
  return h('div', {class: 'prompt'},
    h('p', {}, text),
    h('button', {type: 'button', class: 'primary', on: {click: openSignIn}}, 'Sign in'));
}

function renderSession() {
  const session = document.getElementById('session');
  const subject = state.subject;
  if (subject) {
    const what = [].concat(subject.roles || [], (subject.domains || []).map(domain => 'domain ' + domain));
    replace(session,
      h('span', {class: 'who', 'data-subject': subject.id}, 'Signed in as ', h('strong', {}, subject.id),
        what.length ? ' (' + what.join(', ') + ')' : ''),
      h('button', {type: 'button', on: {click: signOut}}, 'Sign out'));
  } else {
    replace(session,
      h('span', {class: 'who muted'}, 'Guest'),
      h('button', {type: 'button', class: 'primary', id: 'sign-in', on: {click: openSignIn}}, 'Sign in'));
  }
  const notice = document.getElementById('notice');
  if (notice) {
    notice.remove();
  }
  if (state.notice) {
    document.querySelector('header.top').after(h('div', {id: 'notice', class: 'notice', role: 'alert'}, state.notice));
  }
}

async function useToken(token) {
  api.setToken(token);
  try {
    state.subject = await api.whoami();
  } catch (error) {
    api.setToken('');
    state.subject = null;
    return error.message;
  }
  state.notice = null;
  state.index = null;
  closeSignIn();
  renderSession();
  await route();
  return null;
}

function openSignIn() {
  const panel = document.getElementById('signin');
  const message = h('p', {class: 'error', role: 'alert'});
  const box = h('textarea', {
    id: 'token-input', rows: 3, spellcheck: 'false', autocomplete: 'off', placeholder: 'eyJhbGciOi…'
  });
  const submit = async event => {
    event.preventDefault();
    const failure = await useToken(box.value.trim().replace(/^Bearer\s+/i, ''));
    replace(message, failure ? 'The gateway refused this token: ' + failure : '');
  };
  const demo = state.settings.demo ? h('div', {class: 'demo-roles'},
    h('h3', {}, 'Demo: sign in as'),
    h('p', {class: 'muted'}, 'This gateway runs the demo: its token issuer signs a token for the role you pick.'),
    DEMO_ROLES.map(role => h('button', {
      type: 'button', 'data-demo-role': role.request.subject, on: {
        click: async () => {
          try {
            const failure = await useToken(await api.demoToken(role.request));
            replace(message, failure || '');
          } catch (error) {
            replace(message, error.message);
          }
        }
      }
    }, role.label))) : null;
  replace(panel,
    h('form', {class: 'token-form', on: {submit}},
      h('h3', {}, 'Sign in with a bearer token'),
      h('p', {class: 'muted'}, 'Paste a token (JWT) of this gateway\'s issuer. It is kept in this browser tab only ',
        '(sessionStorage), sent with every request of this page and GraphiQL, and forgotten when the tab closes.'),
      h('label', {for: 'token-input'}, 'Token'), box,
      h('div', {class: 'actions'},
        h('button', {type: 'submit', class: 'primary'}, 'Use this token'),
        h('button', {type: 'button', on: {click: closeSignIn}}, 'Cancel'))),
    demo, message);
  panel.hidden = false;
  box.focus();
}

function closeSignIn() {
  const panel = document.getElementById('signin');
  panel.hidden = true;
  panel.replaceChildren();
}

async function signOut() {
  api.setToken('');
  state.subject = null;
  state.index = null;
  state.notice = null;
  renderSession();
  await route();
}

let routeTicket = 0;

/**
 * Renders the view of the current hash into a detached element, then swaps it in unless a later navigation
 * started meanwhile; main's data-route then names the hash it shows (the browser test waits for it).
 */
async function route() {
  const ticket = ++routeTicket;
  const main = document.getElementById('main');
  const hash = window.location.hash || '#/';
  const [path, query] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const view = h('div');
  try {
    if (path.startsWith('/product/')) {
      await productView(view, decodeURIComponent(path.slice('/product/'.length)), params, context);
    } else {
      await browseView(view, params, context);
    }
  } catch (error) {
    if (ticket !== routeTicket) {
      return;
    }
    if (error instanceof api.ApiError && error.status === 401) {
      if (api.token()) {
        await refused(error);
        return;
      }
      replace(view, signInPrompt('This gateway answers its catalog to signed-in callers only: ' + error.message));
    } else {
      replace(view, h('div', {class: 'error-box', role: 'alert'},
        h('h2', {}, 'The catalog could not be read'), h('p', {}, error.message || String(error))));
    }
  }
  if (ticket !== routeTicket) {
    return;
  }
  main.replaceChildren(...view.childNodes);
  main.setAttribute('data-route', hash);
  const dataset = params.get('dataset') && document.getElementById('dataset-' + params.get('dataset'));
  if (dataset) {
    dataset.scrollIntoView();
  } else {
    window.scrollTo(0, 0);
  }
}

async function start() {
  state.settings = await api.settings();
  if (api.token()) {
    try {
      state.subject = await api.whoami();
    } catch (error) {
      api.setToken('');
      state.notice = 'Your token was refused: ' + error.message + '. Sign in again.';
    }
  }
  renderSession();
  window.addEventListener('hashchange', route);
  await route();
}

start();
