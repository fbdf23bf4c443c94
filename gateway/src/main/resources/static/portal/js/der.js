// A minimal, bounded DER reader: enough to walk PKCS#8, PKCS#12 and X.509 structures. Definite lengths only.

export class DerError extends Error {}

/** Reads one TLV at `offset`; returns {tag, start, end, header, next} (start..end is the value). */
export function read(bytes, offset = 0) {
  if (offset + 2 > bytes.length) {
    throw new DerError('truncated DER');
  }
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) {
    throw new DerError('multi-byte tags are not supported');
  }
  let length = bytes[offset + 1];
  let at = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) {
      throw new DerError('unsupported DER length');
    }
    length = 0;
    for (let i = 0; i < count; i++) {
      length = length * 256 + bytes[at++];
    }
  }
  if (at + length > bytes.length) {
    throw new DerError('DER length beyond the data');
  }
  return { tag, start: at, end: at + length, offset, next: at + length, bytes };
}

/** The children of a constructed TLV. */
export function children(node) {
  const out = [];
  let at = node.start;
  while (at < node.end) {
    const child = read(node.bytes, at);
    out.push(child);
    at = child.next;
    if (out.length > 10000) {
      throw new DerError('too many DER elements');
    }
  }
  return out;
}

export const value = (node) => node.bytes.subarray(node.start, node.end);
export const whole = (node) => node.bytes.subarray(node.offset, node.end);

/** An OBJECT IDENTIFIER's dotted form. */
export function oid(node) {
  if (node.tag !== 0x06) {
    throw new DerError('expected an OID');
  }
  const v = value(node);
  const parts = [Math.floor(v[0] / 40), v[0] % 40];
  let n = 0;
  for (let i = 1; i < v.length; i++) {
    n = n * 128 + (v[i] & 0x7f);
    if (!(v[i] & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

/** A small non-negative INTEGER as a number. */
export function integer(node) {
  if (node.tag !== 0x02) {
    throw new DerError('expected an INTEGER');
  }
  let n = 0;
  for (const b of value(node)) {
    n = n * 256 + b;
  }
  return n;
}

/** The SubjectPublicKeyInfo of an X.509 certificate (DER). */
export function certificateSpki(certificate) {
  const tbs = children(children(read(certificate))[0]);
  const offset = tbs[0].tag === 0xa0 ? 1 : 0;
  return whole(tbs[offset + 5]);
}
