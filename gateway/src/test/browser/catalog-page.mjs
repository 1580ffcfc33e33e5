// Drives the catalog page (/) of a running gateway in headless Debian chromium with playwright-core.
// Run by CatalogPageBrowserTest: node catalog-page.mjs tour|attack, with PORTICO_URL, PORTICO_FLIGHT_SQL_PORT,
// SCREENSHOTS (a folder) and PORTICO_CHROMIUM (the browser binary) in the environment. Exits 0 after printing
// "<phase> passed", 1 with the failed expectation otherwise.
import {chromium} from 'playwright-core';
import {mkdtempSync, mkdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import assert from 'node:assert/strict';

const base = process.env.PORTICO_URL;
const flightSqlPort = process.env.PORTICO_FLIGHT_SQL_PORT;
const screenshots = process.env.SCREENSHOTS;
const phase = process.argv[2];
const TIMEOUT = 15_000;

function productHash(id) {
  return '#/product/' + encodeURIComponent(id);
}

/** Opens a route of the page and waits until the page shows it (main's data-route names the hash it rendered). */
async function open(page, hash) {
  await page.goto(base + '/' + hash);
  await shown(page, hash);
}

async function shown(page, hash) {
  await page.waitForFunction(expected => document.getElementById('main')?.dataset.route === expected, hash,
    {timeout: TIMEOUT});
}

async function shoot(page, name, fullPage = false) {
  mkdirSync(screenshots, {recursive: true});
  await page.screenshot({path: join(screenshots, 'catalog-' + name + '.png'), fullPage});
}

async function signInAsDemo(page, subject) {
  await page.click('#sign-in');
  await page.click(`[data-demo-role="${subject}"]`);
  await page.waitForSelector(`.who[data-subject="${subject}"]`, {timeout: TIMEOUT});
}

async function signOut(page) {
  await page.click('#session button');
  await page.waitForSelector('#sign-in', {timeout: TIMEOUT});
}

async function tour(page) {
  // A guest sees every product and a sign-in prompt, not a broken page.
  await open(page, '#/');
  assert.match(await page.textContent('#result-count'), /^4 data products in the catalog/);
  assert.match(await page.textContent('main .prompt'), /browsing as a guest/);
  await shoot(page, 'browse');

  // Search by field name, then by classification.
  await page.fill('#search-input', 'email');
  await page.click('form.search button[type=submit]');
  await shown(page, '#/?search=email');
  assert.match(await page.textContent('#result-count'), /^1 data product match/);
  assert.deepEqual(await page.$$eval('.card', cards => cards.map(card => card.dataset.id)),
    ['urn:portico:crm:customers:v1']);
  await page.fill('#search-input', '');
  await page.selectOption('#filter-classification', 'internal');
  await page.click('form.search button[type=submit]');
  await shown(page, '#/?classification=internal');
  const internal = await page.$$eval('.card', cards => cards.map(card => card.dataset.id));
  assert.ok(internal.includes('urn:portico:archive:orders:v1'), 'archive is internal: ' + internal);

  // Open a product from the results: owner, SLA, health, fields, versions, graph.
  await open(page, '#/?search=archived');
  await page.click('.card[data-id="urn:portico:archive:orders:v1"] a.product-link');
  await shown(page, productHash('urn:portico:archive:orders:v1'));
  assert.equal(await page.textContent('#product-id'), 'urn:portico:archive:orders:v1');
  assert.equal(await page.textContent('#product-name'), 'Archived orders');
  assert.match(await page.textContent('#owner'), /Audit/);
  assert.match(await page.textContent('#owner'), /Sign in to see the team's contacts/);
  assert.match(await page.textContent('#endpoint'), /UP/);
  assert.match(await page.textContent('#history'), /1\.0\.0.*1\.1\.0/s);
  assert.match(await page.textContent('[data-dataset="orders"] table.fields'), /total_amount.*finance/s);
  assert.ok(await page.isVisible('svg.graph .node.dangling'), 'the dangling reference.statuses is drawn');

  // Follow the relationship to crm.customers by clicking its box in the graph.
  await page.click('svg.graph a.node-link[data-product="' + encodeURIComponent('urn:portico:crm:customers:v1') + '"]');
  await shown(page, productHash('urn:portico:crm:customers:v1'));
  assert.equal(await page.textContent('#product-id'), 'urn:portico:crm:customers:v1');
  assert.match(await page.textContent('#relationships'), /sales/, 'sales.orders points at crm.customers');
  assert.match(await page.textContent('[data-dataset="customers"] table.fields'), /email.*confidential/s);
  assert.match(await page.textContent('[data-usage="customers"]'), /sign in with their token/);

  // Copy the ready GraphQL query: the clipboard holds exactly the shown text, and it answers without errors.
  const displayed = await page.textContent('[data-dataset="customers"] [data-snippet="graphql"] pre');
  await page.click('[data-dataset="customers"] [data-snippet="graphql"] button.copy');
  await page.waitForSelector('[data-dataset="customers"] [data-snippet="graphql"] button[data-copied="true"]');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, displayed);
  assert.match(copied, /crm \{\n\s+customers\(first: 10\)/);
  assert.match(copied, /birthDate {2}# restricted/);
  const steward = await (await fetch(base + '/demo/token', {
    method: 'POST', headers: {'Content-Type': 'application/json', Accept: 'text/plain'},
    body: JSON.stringify({subject: 'browser-test-steward', roles: ['steward']})
  })).text();
  const answer = await (await fetch(base + '/graphql', {
    method: 'POST', body: JSON.stringify({query: copied}),
    headers: {'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer ' + steward.trim()}
  })).json();
  assert.equal(answer.errors, undefined, 'the copied query answers a steward without errors: '
    + JSON.stringify(answer.errors));
  assert.equal(answer.data.crm.customers.nodes.length, 10);
  const sql = await page.textContent('[data-dataset="customers"] [data-snippet="sql"] pre');
  assert.ok(sql.includes('jdbc:arrow-flight-sql://localhost:' + flightSqlPort + '/?useEncryption=false&token=<JWT>'),
    sql);
  assert.match(sql, /FROM portico\.crm\.customers/);

  // Sign in as the sales team (demo issuer): the usage of sales.orders shows the analyst's reads.
  await page.click('#sign-in');
  await page.waitForSelector('[data-demo-role]', {timeout: TIMEOUT});
  await shoot(page, 'sign-in');
  await page.click('[data-demo-role="sales-team"]');
  await page.waitForSelector('.who[data-subject="sales-team"]', {timeout: TIMEOUT});
  await open(page, productHash('urn:portico:sales:orders:v1'));
  await page.waitForSelector('[data-usage="orders"] table.usage-table', {timeout: TIMEOUT});
  assert.match(await page.textContent('[data-usage="orders"]'), /ada.*analyst/s);
  await shoot(page, 'product', true);

  // The query opens in GraphiQL with the tab's token in its headers.
  const query = await page.textContent('[data-dataset="orders"] [data-snippet="graphql"] pre');
  await page.click('[data-dataset="orders"] a.open-graphiql');
  await page.waitForSelector('.graphiql-container', {timeout: TIMEOUT});
  await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent.includes('orders(first: 10)'),
    null, {timeout: TIMEOUT});
  assert.ok(query.includes('orders(first: 10)'));
  await page.click('.graphiql-editor-tools button:has-text("Headers")');
  await page.waitForFunction(() => [...document.querySelectorAll('.graphiql-editor-tool')]
    .some(tool => tool.textContent.includes('Bearer ey')), null, {timeout: TIMEOUT});
  await page.goBack();
  await shown(page, productHash('urn:portico:sales:orders:v1'));

  // Another role is told who may see the usage, without an error page.
  await signOut(page);
  await signInAsDemo(page, 'ada');
  await open(page, productHash('urn:portico:sales:orders:v1'));
  await page.waitForSelector('[data-usage="orders"] [data-refused="FORBIDDEN"]', {timeout: TIMEOUT});
  assert.match(await page.textContent('[data-usage="orders"]'), /Only the sales domain and the platform team/);

  // A token the gateway refuses is dropped with a notice, in the middle of a visit and at a page load; the page
  // still shows the catalog, as a guest.
  await page.evaluate(() => sessionStorage.setItem('portico.token', 'not.a.token'));
  await open(page, '#/');
  assert.match(await page.textContent('#notice'), /Your token was refused/);
  assert.match(await page.textContent('#result-count'), /^4 data products/);
  assert.ok(await page.isVisible('#sign-in'));
  await page.evaluate(() => sessionStorage.setItem('portico.token', 'not.a.token'));
  await page.reload();
  await shown(page, '#/');
  assert.match(await page.textContent('#notice'), /Your token was refused/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('portico.token')), null);
}

async function attack(page) {
  const name = '<img src=x onerror="window.__xss=\'name\'">Mallory\'s lures';
  await open(page, '#/?domain=mallory');
  assert.equal(await page.textContent('.card a.product-link'), name);
  await signInAsDemo(page, 'sam');
  await open(page, productHash('urn:portico:mallory:lures:v1'));
  await page.waitForSelector('[data-usage="lures"] [data-refused]', {timeout: TIMEOUT});
  assert.equal(await page.textContent('#product-name'), name);
  assert.match(await page.textContent('#product-description'), /^<script>window.__xss="description"<\/script> Lures/);
  assert.match(await page.textContent('#owner'), /<iframe srcdoc=/);
  assert.match(await page.textContent('[data-dataset="lures"] table.fields'), /<img src=x onerror="window.__xss='field name'">/);
  assert.match(await page.textContent('#relationships'), /crm\.customers/);
  await page.click('#product-name');
  await page.hover('.chip.tag');
  const found = await page.evaluate(() => ({
    xss: window.__xss,
    elements: document.querySelectorAll('main img, main script, main iframe, main style, main b, main i, main u,'
      + ' main svg:not(.graph), main a[href^="javascript"], main [onerror], main [onload], main [onmouseover]').length,
    visible: getComputedStyle(document.body).display
  }));
  assert.deepEqual(found, {xss: undefined, elements: 0, visible: 'block'});
}

const userDataDir = mkdtempSync(join(tmpdir(), 'portico-chromium-'));
let context;
let failed = false;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.PORTICO_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: {width: 1280, height: 900},
    permissions: ['clipboard-read', 'clipboard-write'],
    timeout: 60_000
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', error => problems.push('page error: ' + error.message));
  page.on('dialog', dialog => {
    problems.push('a dialog opened: ' + dialog.message());
    dialog.dismiss();
  });
  page.on('console', message => {
    const own = !/\/(graphiql|webjars)\//.test(message.location().url || '') && !page.url().includes('/graphiql');
    if (own && message.type() === 'error' && !/status of 40[13]/.test(message.text())) {
      problems.push('console error: ' + message.text());
    }
  });
  if (phase === 'tour') {
    await tour(page);
  } else if (phase === 'attack') {
    await attack(page);
  } else {
    throw new Error('usage: node catalog-page.mjs tour|attack');
  }
  assert.deepEqual(problems, [], 'the page logged no error');
  console.log(phase + ' passed');
} catch (error) {
  failed = true;
  console.error(phase + ' failed: ' + (error.stack || error));
  try {
    const page = context && context.pages()[0];
    if (page) {
      console.error('at ' + page.url());
      await shoot(page, 'failure-' + phase, true);
    }
  } catch (ignored) {
    // the failure above is the one to report
  }
} finally {
  if (context) {
    await context.close();
  }
  rmSync(userDataDir, {recursive: true, force: true});
}
process.exit(failed ? 1 : 0);
