// C2SP signed-note checkpoints, verified with Ed25519 in WebCrypto against the gateway's published verifier key,
// and the last verified checkpoint remembered in this browser.
import { concat, equal, fromBase64, hex, sha256, utf8 } from './bytes.js';

export class CheckpointError extends Error {
  constructor(code, detail) {
    super(detail || code);
    this.code = code;
  }
}

/** Parses a verifier key `name+hexkeyid+base64(0x01 ‖ 32-byte Ed25519 key)` and checks its key id. */
export async function parseVerifierKey(vkey) {
  // name+keyid+key: the base64 key may itself contain '+', the name and key id cannot.
  const text = vkey.trim();
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  const parts = second < 0 ? [] : [text.substring(0, first), text.substring(first + 1, second), text.substring(second + 1)];
  if (parts.length !== 3 || parts[0] === '' || !/^[0-9a-f]{8}$/.test(parts[1])) {
    throw new CheckpointError('bad-key', 'malformed verifier key');
  }
  const typed = fromBase64(parts[2]);
  if (typed.length !== 33 || typed[0] !== 1) {
    throw new CheckpointError('bad-key', 'not an Ed25519 verifier key');
  }
  const raw = typed.subarray(1);
  const id = (await sha256(concat(utf8(parts[0]), new Uint8Array([0x0a, 0x01]), raw))).subarray(0, 4);
  if (hex(id) !== parts[1]) {
    throw new CheckpointError('bad-key', 'the verifier key\'s id does not match its key');
  }
  const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  return { name: parts[0], keyId: id, key };
}

/**
 * Verifies a signed note with the verifier key; returns {origin, treeSize, root (bytes), note}.
 * A note without a valid signature by that key is refused.
 */
export async function verifyCheckpoint(note, verifier) {
  if (note.length > 16384) {
    throw new CheckpointError('malformed', 'checkpoint too long');
  }
  const split = note.indexOf('\n\n');
  if (split < 0) {
    throw new CheckpointError('malformed', 'no signature block');
  }
  const body = note.substring(0, split + 1);
  const lines = body.split('\n');
  if (lines.length < 4 || !/^[0-9]+$/.test(lines[1])) {
    throw new CheckpointError('malformed', 'not a checkpoint');
  }
  const treeSize = Number(lines[1]);
  let root;
  try {
    root = fromBase64(lines[2]);
  } catch (e) {
    throw new CheckpointError('malformed', 'the root hash is not base64');
  }
  if (root.length !== 32 || !Number.isSafeInteger(treeSize)) {
    throw new CheckpointError('malformed', 'not a checkpoint');
  }
  let signed = false;
  for (const line of note.substring(split + 2).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== verifier.name) {
      continue;
    }
    const sig = fromBase64(m[2]);
    if (sig.length !== 68 || !equal(sig.subarray(0, 4), verifier.keyId)) {
      continue;
    }
    signed = await crypto.subtle.verify({ name: 'Ed25519' }, verifier.key, sig.subarray(4), utf8(body));
    if (signed) {
      break;
    }
  }
  if (!signed) {
    throw new CheckpointError('bad-signature', 'the checkpoint is not signed by the gateway\'s checkpoint key');
  }
  if (lines[0] !== verifier.name) {
    throw new CheckpointError('malformed', 'the checkpoint\'s origin is not the key\'s name');
  }
  return { origin: lines[0], treeSize, root, note };
}

const STORE_KEY = 'tsunagi.portal.checkpoint';
const PIN_KEY = 'tsunagi.portal.checkpointKey';

/** The last verified checkpoint kept in this browser, or null. */
export function remembered(storage = localStorage) {
  const text = storage.getItem(STORE_KEY);
  if (!text) {
    return null;
  }
  try {
    const value = JSON.parse(text);
    return { treeSize: value.treeSize, root: fromBase64(value.root), note: value.note };
  } catch (e) {
    return null;
  }
}

export function remember(checkpoint, base64Root, storage = localStorage) {
  storage.setItem(STORE_KEY, JSON.stringify({ treeSize: checkpoint.treeSize, root: base64Root, note: checkpoint.note }));
}

/**
 * The verifier key first seen in this browser is pinned: a different key later is a loud failure, never a silent
 * switch (a gateway that changed keys has to be re-trusted by the user deliberately).
 */
export function checkPinnedKey(vkey, storage = localStorage) {
  const pinned = storage.getItem(PIN_KEY);
  if (pinned === null) {
    storage.setItem(PIN_KEY, vkey);
    return { firstUse: true };
  }
  if (pinned !== vkey) {
    throw new CheckpointError('key-changed', 'the gateway\'s checkpoint key differs from the one this browser trusted');
  }
  return { firstUse: false };
}

export function forget(storage = localStorage) {
  storage.removeItem(STORE_KEY);
  storage.removeItem(PIN_KEY);
}
