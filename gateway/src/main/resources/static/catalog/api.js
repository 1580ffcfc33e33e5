// Talks to this gateway: GraphQL at /graphql with the visitor's bearer token, the token kept in sessionStorage
// (this tab only, gone when it closes; the same key GraphiQL reads), /api/whoami to know who that is, and the demo
// token issuer when the gateway runs the demo.

const TOKEN_KEY = 'portico.token';

/** A failure the page shows as it is: the gateway's message and its code (UNAUTHENTICATED, FORBIDDEN, ...). */
export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch (e) {
    return '';
  }
}

export function setToken(value) {
  try {
    if (value) {
      sessionStorage.setItem(TOKEN_KEY, value);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  } catch (e) {
    // storage switched off: the token lives as long as this page
  }
}

function headers(json) {
  const result = {Accept: 'application/graphql-response+json, application/json'};
  if (json) {
    result['Content-Type'] = 'application/json';
  }
  const bearer = token();
  if (bearer) {
    result.Authorization = 'Bearer ' + bearer;
  }
  return result;
}

async function readJson(response) {
  try {
    return await response.json();
  } catch (e) {
    return null;
  }
}

function firstError(body, fallback, status) {
  const error = body && Array.isArray(body.errors) && body.errors[0];
  if (!error) {
    return new ApiError(fallback, 'HTTP_' + status, status);
  }
  const code = (error.extensions && error.extensions.code) || 'HTTP_' + status;
  return new ApiError(error.message || fallback, code, status);
}

/**
 * Runs a GraphQL request; answers {data, errors} (errors of single fields are the caller's to read). Throws an
 * ApiError when the token is refused (401) or the request failed whole (no data).
 */
export async function graphql(query, variables) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST', headers: headers(true), body: JSON.stringify({query, variables: variables || {}})
    });
  } catch (e) {
    throw new ApiError('the gateway did not answer (' + e.message + ')', 'NETWORK', 0);
  }
  const body = await readJson(response);
  if (response.status === 401 || !body || !body.data) {
    throw firstError(body, 'the gateway answered HTTP ' + response.status, response.status);
  }
  return {data: body.data, errors: body.errors || []};
}

/** The subject of the current token ({id, roles, groups, domains, ...}); null without a token. */
export async function whoami() {
  if (!token()) {
    return null;
  }
  const response = await fetch('/api/whoami', {headers: headers(false)});
  const body = await readJson(response);
  if (!response.ok) {
    throw firstError(body, 'the token was refused (HTTP ' + response.status + ')', response.status);
  }
  return body;
}

/** What the page needs to know of this gateway: {demo, flightSql: {port, tls} | null}. */
export async function settings() {
  try {
    const response = await fetch('/catalog/settings', {headers: {Accept: 'application/json'}});
    return response.ok ? await response.json() : {demo: false, flightSql: null};
  } catch (e) {
    return {demo: false, flightSql: null};
  }
}

/** Asks the demo token issuer (demo only, same machine only) for a token saying the given request. */
export async function demoToken(request) {
  const response = await fetch('/demo/token', {
    method: 'POST', headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify(Object.assign({lifetime: '8h'}, request))
  });
  const body = await readJson(response);
  if (!response.ok || !body || !body.token) {
    throw firstError(body, 'the demo token issuer answered HTTP ' + response.status, response.status);
  }
  return body.token;
}
