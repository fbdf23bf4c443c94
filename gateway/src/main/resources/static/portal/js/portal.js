// The portal page: sign-in with the participant's own key, the inbox of a municipality or prefecture, and the
// auditor's view of the ledger. All cryptography happens here, in the browser.
import { Api, ApiError, fieldLabels, publicKeys } from './api.js';
import { base64, fromBase64, fromUtf8, hex, sha256, utf8 } from './bytes.js';
import { CheckpointError, checkPinnedKey, forget, parseVerifierKey, remember, remembered, verifyCheckpoint }
  from './checkpoint.js';
import { decryptJwe, JoseError, signJws, verifyGatewayJws } from './jose.js';
import { importKeyFile, KeyFileError } from './keys.js';
import { entryLeafHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { applyTo, errorText, formatDate, formatSize, jstToInstant, lang, monthOf, setLang, t } from './i18n.js';
import { drawMonthlyChart } from './chart.js';

const $ = (id) => document.getElementById(id);
const EVENTS = ['DISCLOSED', 'DELIVERED', 'ACKNOWLEDGED', 'REFUSED', 'QUARANTINED', 'AUDIT_QUERY'];

/** Everything the page holds; the key lives only in `identity`, as non-extractable CryptoKeys. */
const state = {
  identity: null,
  api: null,
  keys: null,
  labels: null,
  inboxNext: null,
  statuses: new Map(),
  opened: null,
  audit: { items: [], next: null, query: null, checkpoint: null },
};

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) {
      continue;
    }
    if (name === 'text') {
      node.textContent = value;
    } else if (name === 'className') {
      node.className = value;
    } else if (name.startsWith('data')) {
      node.dataset[name.substring(4, 5).toLowerCase() + name.substring(5)] = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child);
    }
  }
  return node;
}

function show(id, visible = true) {
  $(id).hidden = !visible;
}

function alertMessage(text) {
  const alert = $('alert');
  alert.textContent = text || '';
  alert.hidden = !text;
}

function status(text) {
  $('status').textContent = text || '';
}

/** A user-facing text for any failure, never a stack trace. */
function describe(error) {
  if (error instanceof KeyFileError || error instanceof JoseError || error instanceof CheckpointError) {
    return errorText(error.code);
  }
  if (error instanceof ApiError) {
    const cause = error.cause;
    if (cause === 'invalid-token') {
      return errorText('wrong-key', state.identity ? state.identity.participantId : '');
    }
    return errorText(cause) !== errorText('unknown') ? errorText(cause)
      : `${errorText('unknown')} (${error.status} ${cause || ''})`;
  }
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return errorText('network');
  }
  return `${errorText('unknown')} (${error && error.message ? error.message : error})`;
}

// ---------------------------------------------------------------- sign-in

async function signIn(event) {
  event.preventDefault();
  alertMessage('');
  const participantId = $('participant').value.trim();
  if (!participantId) {
    alertMessage(errorText('no-participant'));
    $('participant').focus();
    return;
  }
  const file = $('keyfile').files[0];
  const password = $('password').value;
  $('signin-button').disabled = true;
  status(t('checking'));
  try {
    const key = await importKeyFile(file, password);
    $('password').value = '';
    const identity = { participantId, ...key };
    state.keys = state.keys || await publicKeys();
    const api = new Api(identity, state.keys);
    // The first signed call proves the key: checkpoints are readable by any registered participant.
    try {
      await api.request('/api/v1/audit/checkpoint', { accept: 'text/plain' });
    } catch (e) {
      if (!(e instanceof ApiError && e.cause === 'no-checkpoint')) {
        state.identity = identity;
        throw e;
      }
    }
    state.identity = identity;
    state.api = api;
    state.labels = state.labels || await fieldLabels();
    $('keyfile').value = '';
    await enter();
  } catch (e) {
    const message = describe(e);
    state.identity = null;
    state.api = null;
    alertMessage(message);
  } finally {
    status('');
    $('signin-button').disabled = false;
  }
}

async function enter() {
  show('signin', false);
  show('signout');
  $('who').textContent = t('signedInAs', state.identity.participantId, state.identity.kind);
  show('who');
  // Roles are the gateway's business: a recipient can list messages, an auditor cannot.
  let recipient = true;
  try {
    await loadInbox(true);
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      recipient = false;
    } else {
      throw e;
    }
  }
  show('tabs');
  show('tab-inbox', recipient);
  if (recipient) {
    selectTab('inbox');
  } else {
    selectTab('audit');
  }
}

function signOut() {
  // Dropping the references is all there is: the keys were never extractable and never stored.
  state.identity = null;
  state.api = null;
  state.opened = null;
  state.statuses.clear();
  state.audit = { items: [], next: null, query: null, checkpoint: null };
  for (const id of ['tabs', 'inbox', 'message', 'audit', 'signout', 'who']) {
    show(id, false);
  }
  $('inbox-table').tBodies[0].replaceChildren();
  $('audit-table').tBodies[0].replaceChildren();
  $('message-content').replaceChildren();
  show('signin');
  alertMessage('');
  $('participant').focus();
}

function selectTab(name) {
  for (const tab of ['inbox', 'audit']) {
    $('tab-' + tab).setAttribute('aria-pressed', String(tab === name));
    show(tab, tab === name);
  }
  show('message', false);
  if (name === 'audit') {
    refreshCheckpoint().catch(() => {});
  }
}

// ---------------------------------------------------------------- inbox

async function loadInbox(fromStart) {
  const cursor = fromStart ? null : state.inboxNext;
  const page = await state.api.json('/api/v1/messages?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
  const body = $('inbox-table').tBodies[0];
  if (fromStart) {
    body.replaceChildren();
  }
  for (const item of page.items) {
    body.append(inboxRow(item));
  }
  state.inboxNext = page.next;
  show('inbox-more', page.next !== null);
  show('inbox-empty', body.rows.length === 0);
}

function typeLabel(type) {
  const root = state.labels && state.labels[type];
  const label = root && root[0];
  return label ? (lang() === 'ja' ? label.ja : label.en) : type;
}

function inboxRow(item) {
  const statusKey = state.statuses.get(item.id) || 'statusNew';
  const button = el('button', { type: 'button', className: 'secondary', text: t('open'),
    'aria-label': `${t('open')}: ${typeLabel(item.type)} ${formatDate(item.createdAt)}` });
  button.addEventListener('click', () => openMessage(item));
  return el('tr', { dataId: item.id, dataType: item.type },
    el('td', { text: typeLabel(item.type) }),
    el('td', { text: formatDate(item.createdAt) }),
    el('td', { text: formatSize(item.size), className: 'num' }),
    el('td', { text: t(statusKey), className: 'state', dataStatus: statusKey }),
    el('td', {}, button));
}

function setStatus(id, key) {
  state.statuses.set(id, key);
  const row = $('inbox-table').querySelector(`tr[data-id="${CSS.escape(id)}"] td.state`);
  if (row) {
    row.textContent = t(key);
    row.dataset.status = key;
  }
}

async function openMessage(item) {
  alertMessage('');
  status(t('checking'));
  show('message', false);
  try {
    const { text } = await state.api.text('/api/v1/messages/' + encodeURIComponent(item.id), 'application/jose');
    const received = utf8(text);
    const digest = hex(await sha256(received));
    const jws = fromUtf8(await decryptJwe(state.identity, text));
    const { payload } = await verifyGatewayJws(jws, state.keys);
    const xml = fromUtf8(payload);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) {
      throw new JoseError('malformed', 'not XML');
    }
    state.opened = { item, xml, digest, doc };
    setStatus(item.id, state.statuses.get(item.id) === 'statusAcknowledged' ? 'statusAcknowledged' : 'statusOpened');
    renderMessage();
    show('inbox', false);
    show('message');
    $('message-title').focus();
  } catch (e) {
    alertMessage(describe(e));
  } finally {
    status('');
  }
}

function labelFor(path) {
  const type = path.split('/')[0];
  const list = state.labels[type] || [];
  return list.find((l) => l.path === path) || null;
}

function labelText(path) {
  const label = labelFor(path);
  if (!label) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
  return lang() === 'ja' ? label.ja : label.en;
}

/** The label cell: the label in the current language, the other language and the documentation as a hint. */
function labelCell(path) {
  const label = labelFor(path);
  const other = label ? (lang() === 'ja' ? label.en : label.ja) : '';
  return el('dt', { title: label ? label.documentation : path },
    el('span', { text: labelText(path) }),
    other && other !== labelText(path) ? el('span', { className: 'other', lang: lang() === 'ja' ? 'en' : 'ja',
      text: other }) : null);
}

function renderMessage() {
  const { item, doc, digest } = state.opened;
  const root = doc.documentElement;
  const type = root.localName;
  $('message-title').textContent = `${typeLabel(type)} — ${formatDate(item.createdAt)}`;
  $('message-title').setAttribute('tabindex', '-1');
  $('message-verified').textContent = t('verifiedSignature');
  $('message-digest').textContent = t('digestOk', digest);
  const header = child(root, 'Header');
  const disclosure = child(root, 'Disclosure');
  const content = $('message-content');
  content.replaceChildren();
  // What was disclosed and why comes first; the technical header last.
  if (disclosure) {
    content.append(renderDisclosure(disclosure, type));
  }
  const body = el('dl', { className: 'fields' });
  for (const node of root.children) {
    if (node.localName !== 'Header' && node.localName !== 'Disclosure') {
      appendField(body, node, type + '/' + node.localName);
    }
  }
  content.append(section('bodySection', body));
  if (header) {
    content.append(section('headerSection', renderFields(header, type + '/Header')));
  }
  const acknowledged = state.statuses.get(item.id) === 'statusAcknowledged';
  $('message-ack').disabled = acknowledged;
}

function section(titleKey, ...content) {
  return el('section', { className: 'panel', 'aria-label': t(titleKey) }, el('h3', { text: t(titleKey) }), ...content);
}

function child(node, name) {
  for (const c of node.children) {
    if (c.localName === name) {
      return c;
    }
  }
  return null;
}

function childText(node, name) {
  const c = node ? child(node, name) : null;
  return c ? c.textContent.trim() : '';
}

function renderFields(node, path) {
  const list = el('dl', { className: 'fields' });
  for (const c of node.children) {
    appendField(list, c, path + '/' + c.localName);
  }
  return list;
}

function appendField(list, node, path) {
  const wrapper = el('div', { className: node.children.length === 0 ? 'field' : 'field group', dataPath: path });
  wrapper.append(labelCell(path));
  if (node.children.length === 0) {
    const raw = node.textContent.trim();
    const label = labelFor(path);
    const code = label && label.values ? label.values[raw] : null;
    // A code is shown in words, with the code itself beside it: the code is what the XML says.
    wrapper.append(el('dd', { className: 'value', dataPath: path, dataValue: raw },
      code ? el('span', { text: lang() === 'ja' ? code.ja : code.en }) : raw,
      code ? el('span', { className: 'code', text: ` (${raw})` }) : null));
  } else {
    wrapper.append(el('dd', {}, renderFields(node, path)));
  }
  list.append(wrapper);
}

function renderDisclosure(disclosure, type) {
  const purpose = childText(disclosure, 'Purpose');
  const basis = child(disclosure, 'LegalBasis');
  const basisText = [childText(basis, 'Title'), childText(basis, 'Article')].filter((s) => s).join(' ')
    + ` (${childText(basis, 'Kind')}${childText(basis, 'ConsentDate') ? ' ' + childText(basis, 'ConsentDate') : ''})`;
  const facts = el('dl', { className: 'fields' },
    el('div', { className: 'field' }, el('dt', { text: t('purpose') }), el('dd', { id: 'disclosure-purpose', text: purpose })),
    el('div', { className: 'field' }, el('dt', { text: t('legalBasis') }), el('dd', { id: 'disclosure-basis', text: basisText })),
    el('div', { className: 'field' }, el('dt', { text: t('policy') }), el('dd', { text: childText(disclosure, 'PolicyId') })),
    el('div', { className: 'field' }, el('dt', { text: t('disclosedAt') }),
      el('dd', { text: childText(disclosure, 'DisclosedAt') ? formatDate(childText(disclosure, 'DisclosedAt')) : '' })));
  const withheld = child(disclosure, 'Withheld');
  const withheldList = el('ul', { id: 'message-withheld' });
  for (const p of withheld ? withheld.children : []) {
    const path = p.textContent.trim();
    withheldList.append(el('li', { dataPath: path }, el('span', { text: labelText(path) }), ' ',
      el('code', { text: path })));
  }
  const transformed = child(disclosure, 'Transformed');
  const transformedList = el('ul', { id: 'message-transformed' });
  for (const f of transformed ? transformed.children : []) {
    const path = childText(f, 'Path');
    const method = childText(f, 'Method');
    const result = childText(f, 'ResultPath');
    transformedList.append(el('li', { dataPath: path, dataMethod: method },
      el('span', { text: labelText(path) }), ': ', el('strong', { text: t('methods')[method] || method }),
      result ? ` (${t('resultAt', labelText(result))})` : '', ' ', el('code', { text: path })));
  }
  return el('section', { className: 'panel disclosure', 'aria-labelledby': 'disclosure-title' },
    el('h3', { id: 'disclosure-title', text: t('disclosureSection') }), facts,
    el('h4', { text: t('withheld') }),
    el('p', { className: 'small', text: withheldList.children.length ? t('withheldWhy', purpose) : t('withheldNone') }),
    withheldList,
    el('h4', { text: t('transformed') }),
    el('p', { className: 'small', text: transformedList.children.length ? t('transformedWhy') : t('transformedNone') }),
    transformedList);
}

function saveXml() {
  const { item, xml } = state.opened;
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  const link = el('a', { href: url, download: item.id + '.xml' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The receipt: a JWS signed with the participant's key over the copy id and the SHA-256 of what was received. */
async function acknowledge() {
  const { item, digest } = state.opened;
  alertMessage('');
  $('message-ack').disabled = true;
  try {
    const receipt = await signJws(state.identity, utf8(JSON.stringify({ id: item.id, sha256: digest })));
    await state.api.request('/api/v1/messages/' + encodeURIComponent(item.id) + '/ack',
      { method: 'POST', body: receipt, contentType: 'application/jose' });
    setStatus(item.id, 'statusAcknowledged');
    status(t('acknowledged'));
  } catch (e) {
    $('message-ack').disabled = false;
    alertMessage(describe(e));
  }
}

function closeMessage() {
  show('message', false);
  show('inbox');
  state.opened = null;
}

// ---------------------------------------------------------------- audit

/**
 * Fetches and verifies the latest checkpoint: its Ed25519 signature with the published (and pinned) verifier key,
 * then its consistency with the checkpoint this browser verified last. Only then is it remembered.
 */
async function refreshCheckpoint() {
  const statusLine = $('checkpoint-status');
  try {
    const vkey = state.keys.checkpointVerifierKey;
    $('checkpoint-key').textContent = t('checkpointKey', vkey);
    checkPinnedKey(vkey);
    const verifier = await parseVerifierKey(vkey);
    const { text } = await state.api.text('/api/v1/audit/checkpoint', 'text/plain');
    const checkpoint = await verifyCheckpoint(text, verifier);
    const previous = remembered();
    if (previous !== null) {
      if (checkpoint.treeSize < previous.treeSize) {
        throw new CheckpointError('inconsistent');
      }
      const proof = checkpoint.treeSize === previous.treeSize ? { hashes: [] }
        : await state.api.json(`/api/v1/audit/proofs/consistency?from=${previous.treeSize}&to=${checkpoint.treeSize}`);
      const ok = await verifyConsistency(previous.treeSize, checkpoint.treeSize, proof.hashes.map(fromBase64),
        previous.root, checkpoint.root);
      if (!ok) {
        throw new CheckpointError('inconsistent');
      }
    }
    remember(checkpoint, base64(checkpoint.root));
    state.audit.checkpoint = checkpoint;
    statusLine.dataset.state = 'verified';
    statusLine.dataset.size = String(checkpoint.treeSize);
    statusLine.textContent = t('checkpointOk', checkpoint.treeSize, previous === null ? null : previous.treeSize);
    return checkpoint;
  } catch (e) {
    state.audit.checkpoint = null;
    statusLine.dataset.state = 'failed';
    statusLine.textContent = t('checkpointFailed', describe(e));
    throw e;
  }
}

function eventCheckboxes() {
  const box = $('f-events');
  for (const name of EVENTS) {
    const id = 'f-event-' + name;
    box.append(el('span', { className: 'check' }, el('input', { type: 'checkbox', id, value: name }),
      el('label', { for: id, dataEvent: name, text: name })));
  }
}

function searchQuery() {
  const params = new URLSearchParams();
  const put = (name, value) => {
    if (value) {
      params.set(name, value);
    }
  };
  put('subject', $('f-subject').value.trim());
  put('sender', $('f-sender').value.trim());
  put('recipient', $('f-recipient').value.trim());
  put('purpose', $('f-purpose').value.trim());
  const events = EVENTS.filter((e) => $('f-event-' + e).checked);
  put('event', events.join(','));
  put('from', jstToInstant($('f-from').value));
  put('to', jstToInstant($('f-to').value));
  put('limit', $('f-limit').value.trim());
  return params;
}

async function search(event) {
  event.preventDefault();
  state.audit.query = { kind: 'search', params: searchQuery() };
  await runQuery(true);
}

async function report(event) {
  event.preventDefault();
  const subject = $('r-subject').value.trim();
  if (!subject) {
    $('r-subject').focus();
    return;
  }
  state.audit.query = { kind: 'report', subject, params: new URLSearchParams() };
  await runQuery(true);
}

async function runQuery(fromStart) {
  alertMessage('');
  status(t('checking'));
  try {
    const { kind, params, subject } = state.audit.query;
    const query = new URLSearchParams(params);
    if (!fromStart && state.audit.next) {
      query.set('cursor', state.audit.next);
    }
    const path = kind === 'report'
      ? `/api/v1/audit/subjects/${encodeURIComponent(subject)}/report?${query}`
      : `/api/v1/audit/disclosures?${query}`;
    const page = await state.api.json(path);
    if (fromStart) {
      state.audit.items = [];
      $('audit-table').tBodies[0].replaceChildren();
    }
    state.audit.items.push(...page.items);
    state.audit.next = page.next;
    const body = $('audit-table').tBodies[0];
    for (const item of page.items) {
      body.append(auditRow(item));
    }
    $('audit-caption').textContent = t('resultsCaption', state.audit.items.length);
    show('audit-table');
    show('audit-more', page.next !== null);
    drawCharts();
    await verifyRows();
  } catch (e) {
    alertMessage(describe(e));
  } finally {
    status('');
  }
}

function auditRow(item) {
  const entry = item.entry;
  return el('tr', { dataIndex: String(item.index), dataEvent: entry.event, dataMessageId: entry.messageId || '' },
    el('td', { className: 'num', text: String(item.index) }),
    el('td', { text: formatDate(entry.time) }),
    el('td', { text: t('eventNames')[entry.event] || entry.event, title: entry.event }),
    el('td', { text: entry.messageType ? typeLabel(entry.messageType) : '' , title: entry.messageId || '' }),
    el('td', { text: entry.sender || entry.actor || '' }),
    el('td', { text: entry.recipient || '' }),
    el('td', { text: entry.purpose || entry.reason || '' }),
    el('td', { className: 'mono', text: entry.subject ? entry.subject.substring(0, 12) + '…' : '', title: entry.subject || '' }),
    el('td', { className: 'proof', dataState: 'checking', text: t('proofChecking') }));
}

/**
 * For every row: the entry must hash to its leaf hash (RFC 8785 bytes), and that leaf must be in the tree of the
 * verified checkpoint (RFC 9162 inclusion proof). Entries newer than the checkpoint wait for the next one.
 */
async function verifyRows() {
  let checkpoint = state.audit.checkpoint;
  try {
    checkpoint = await refreshCheckpoint();
  } catch (e) {
    checkpoint = null;
  }
  let failures = 0;
  const rows = $('audit-table').tBodies[0].rows;
  for (let i = 0; i < rows.length; i++) {
    const item = state.audit.items[i];
    const cell = rows[i].querySelector('td.proof');
    let result;
    try {
      result = await verifyItem(item, checkpoint);
    } catch (e) {
      result = 'failed';
    }
    cell.dataset.state = result;
    cell.textContent = t({ verified: 'proofVerified', pending: 'proofPending', failed: 'proofFailed' }[result]);
    if (result === 'failed') {
      failures++;
    }
  }
  const alert = $('proof-alert');
  alert.textContent = failures > 0 ? t('proofFailures', failures) : '';
  alert.hidden = failures === 0;
}

async function verifyItem(item, checkpoint) {
  const leaf = await entryLeafHash(item.entry);
  if (base64(leaf) !== item.leafHash) {
    return 'failed';
  }
  if (checkpoint === null) {
    return 'failed';
  }
  if (item.index >= checkpoint.treeSize) {
    return 'pending';
  }
  const proof = await state.api.json(`/api/v1/audit/proofs/inclusion?index=${item.index}&treeSize=${checkpoint.treeSize}`);
  if (proof.leafIndex !== item.index || proof.treeSize !== checkpoint.treeSize) {
    return 'failed';
  }
  const ok = await verifyInclusion(item.index, checkpoint.treeSize, leaf, proof.hashes.map(fromBase64), checkpoint.root);
  return ok ? 'verified' : 'failed';
}

function drawCharts() {
  const disclosed = state.audit.items.map((i) => i.entry).filter((e) => e.event === 'DISCLOSED');
  show('charts', true);
  const months = disclosed.map((e) => monthOf(e.time));
  drawMonthlyChart($('chart-purpose'), t('chartPurpose'), disclosed.map((e, i) => ({ month: months[i],
    series: e.purpose || '—' })), { empty: t('chartEmpty'), monthLabel: t('chartMonth') });
  drawMonthlyChart($('chart-recipient'), t('chartRecipient'), disclosed.map((e, i) => ({ month: months[i],
    series: e.recipient || '—' })), { empty: t('chartEmpty'), monthLabel: t('chartMonth') });
}

// ---------------------------------------------------------------- language and wiring

function applyLanguage() {
  applyTo(document);
  $('lang').textContent = t('switchTo');
  $('lang').setAttribute('lang', lang() === 'ja' ? 'en' : 'ja');
  for (const label of document.querySelectorAll('label[data-event]')) {
    label.textContent = `${t('eventNames')[label.dataset.event]} (${label.dataset.event})`;
  }
  if (state.identity) {
    $('who').textContent = t('signedInAs', state.identity.participantId, state.identity.kind);
  }
  const body = $('inbox-table').tBodies[0];
  for (const row of body.rows) {
    row.cells[0].textContent = typeLabel(row.dataset.type);
    const cell = row.querySelector('td.state');
    cell.textContent = t(cell.dataset.status);
  }
  if (state.opened && !$('message').hidden) {
    renderMessage();
  }
  if (state.audit.items.length > 0) {
    drawCharts();
  }
}

function init() {
  eventCheckboxes();
  const saved = localStorage.getItem('tsunagi.portal.lang');
  setLang(saved || 'ja');
  applyLanguage();
  $('lang').addEventListener('click', () => {
    setLang(lang() === 'ja' ? 'en' : 'ja');
    localStorage.setItem('tsunagi.portal.lang', lang());
    applyLanguage();
  });
  $('signin-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  $('tab-inbox').addEventListener('click', () => selectTab('inbox'));
  $('tab-audit').addEventListener('click', () => selectTab('audit'));
  $('inbox-refresh').addEventListener('click', () => loadInbox(true).catch((e) => alertMessage(describe(e))));
  $('inbox-more').addEventListener('click', () => loadInbox(false).catch((e) => alertMessage(describe(e))));
  $('message-save').addEventListener('click', saveXml);
  $('message-print').addEventListener('click', () => window.print());
  $('message-ack').addEventListener('click', acknowledge);
  $('message-close').addEventListener('click', closeMessage);
  $('search-form').addEventListener('submit', search);
  $('report-form').addEventListener('submit', report);
  $('audit-more').addEventListener('click', () => runQuery(false));
  $('reverify').addEventListener('click', () => (state.audit.items.length ? verifyRows() : refreshCheckpoint())
    .catch(() => {}));
  $('forget-checkpoint').addEventListener('click', () => {
    forget();
    refreshCheckpoint().catch(() => {});
  });
  document.body.dataset.ready = 'true';
}

init();
