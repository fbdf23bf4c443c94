// RFC 9162 verification: leaf hashes of RFC 8785 entries, inclusion proofs and consistency proofs.
import { concat, equal, sha256, utf8 } from './bytes.js';

const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);

export const leafHash = (bytes) => sha256(concat(LEAF, bytes));
export const nodeHash = (left, right) => sha256(concat(NODE, left, right));

const isOdd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);

/** RFC 8785 canonical JSON of a parsed value (the ledger's entries hold strings, integers, booleans, arrays). */
export function canonicalJson(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error('not a JSON number');
    }
    return JSON.stringify(value); // ECMAScript number serialisation is what RFC 8785 prescribes
  }
  if (Array.isArray(value)) {
    return '[' + value.map(canonicalJson).join(',') + ']';
  }
  // Keys sorted by UTF-16 code units, as Array.prototype.sort does by default.
  return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
}

export const entryLeafHash = (entry) => leafHash(utf8(canonicalJson(entry)));

/** RFC 9162 §2.1.3.2. */
export async function verifyInclusion(leafIndex, treeSize, leaf, proof, root) {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) {
    return false;
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(r, root);
}

/** RFC 9162 §2.1.4.2. */
export async function verifyConsistency(firstSize, secondSize, proof, firstRoot, secondRoot) {
  if (firstSize > secondSize || firstSize < 0) {
    return false;
  }
  if (firstSize === secondSize) {
    return proof.length === 0 && equal(firstRoot, secondRoot);
  }
  if (firstSize === 0) {
    return proof.length === 0; // the empty tree is a prefix of every tree
  }
  if (proof.length === 0) {
    return false;
  }
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}

function isPowerOfTwo(n) {
  while (n > 1) {
    if (isOdd(n)) {
      return false;
    }
    n = half(n);
  }
  return n === 1;
}

/** The root of a list of leaf hashes (RFC 9162 MTH), for the test vectors. */
export async function rootOf(leaves) {
  if (leaves.length === 0) {
    return sha256(new Uint8Array());
  }
  if (leaves.length === 1) {
    return leaves[0];
  }
  let k = 1;
  while (k * 2 < leaves.length) {
    k *= 2;
  }
  return nodeHash(await rootOf(leaves.slice(0, k)), await rootOf(leaves.slice(k)));
}
