// JOSE with WebCrypto only: participant tokens and receipts (JWS), opening a delivered copy (JWE of a JWS).
import { base64url, concat, equal, fromBase64, fromBase64url, fromUtf8, utf8 } from './bytes.js';
import { certificateSpki } from './der.js';

export class JoseError extends Error {
  constructor(code, detail) {
    super(detail || code);
    this.code = code;
  }
}

const SIGNING = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', saltLength: 32 },
  EdDSA: { name: 'Ed25519' },
};

/** A compact JWS of `payload` (bytes), signed with the participant's key. */
export async function signJws(identity, payload, extraHeader = {}) {
  const header = base64url(utf8(JSON.stringify({ alg: identity.algorithm, ...extraHeader })));
  const input = header + '.' + base64url(payload);
  const signature = await crypto.subtle.sign(SIGNING[identity.algorithm], identity.sign, utf8(input));
  return input + '.' + base64url(new Uint8Array(signature));
}

/**
 * A fresh bearer token, as the CLI makes them: iss = participant id, aud = the gateway id, iat, exp two minutes
 * ahead (the gateway accepts at most five), and a random jti that is never used again.
 */
export async function mintToken(identity, audience) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: identity.participantId, aud: audience, iat: now, exp: now + 120, jti: crypto.randomUUID() };
  return signJws(identity, utf8(JSON.stringify(claims)), { typ: 'JWT' });
}

function parseHeader(part) {
  let header;
  try {
    header = JSON.parse(fromUtf8(fromBase64url(part)));
  } catch (e) {
    throw new JoseError('malformed', 'the JOSE header is not JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new JoseError('malformed', 'the JOSE header is not an object');
  }
  if (header.crit !== undefined || header.zip !== undefined) {
    throw new JoseError('unsupported', 'crit and zip are not accepted');
  }
  return header;
}

/**
 * Decrypts a compact JWE addressed to the participant: RSA-OAEP-256 or ECDH-ES+A256KW, A256GCM only.
 * @returns the plaintext bytes (here: a compact JWS)
 */
export async function decryptJwe(identity, compact) {
  const parts = compact.trim().split('.');
  if (parts.length !== 5) {
    throw new JoseError('malformed', 'not a compact JWE');
  }
  const header = parseHeader(parts[0]);
  if (header.enc !== 'A256GCM') {
    throw new JoseError('unsupported', 'content encryption ' + header.enc + ' is not accepted');
  }
  if (!identity.decrypt) {
    throw new JoseError('unsupported', 'this key cannot decrypt');
  }
  const encryptedKey = fromBase64url(parts[1]);
  const iv = fromBase64url(parts[2]);
  const ciphertext = fromBase64url(parts[3]);
  const tag = fromBase64url(parts[4]);
  let cek;
  try {
    if (header.alg === 'RSA-OAEP-256' && identity.decrypt.algorithm.name === 'RSA-OAEP') {
      cek = await crypto.subtle.unwrapKey('raw', encryptedKey, identity.decrypt, { name: 'RSA-OAEP' },
        { name: 'AES-GCM' }, false, ['decrypt']);
    } else if (header.alg === 'ECDH-ES+A256KW' && identity.decrypt.algorithm.name === 'ECDH') {
      const epk = header.epk;
      if (!epk || epk.kty !== 'EC' || epk.crv !== 'P-256') {
        throw new JoseError('malformed', 'missing or unsupported ephemeral key');
      }
      const ephemeral = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: epk.x, y: epk.y },
        { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: ephemeral },
        identity.decrypt, 256));
      const kek = await concatKdf(shared, header.alg, header.apu, header.apv);
      shared.fill(0);
      cek = await crypto.subtle.unwrapKey('raw', encryptedKey, kek, 'AES-KW', { name: 'AES-GCM' }, false,
        ['decrypt']);
    } else {
      throw new JoseError('unsupported', 'key management ' + header.alg + ' does not fit this key');
    }
  } catch (e) {
    if (e instanceof JoseError) {
      throw e;
    }
    throw new JoseError('not-for-this-key', 'the message cannot be decrypted with this key');
  }
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(parts[0]),
      tagLength: 128 }, cek, concat(ciphertext, tag)));
  } catch (e) {
    throw new JoseError('tampered', 'the encrypted content fails its integrity check');
  }
}

/** RFC 7518 §4.6.2 Concat KDF with SHA-256, one round: the 256-bit AES key-wrapping key. */
async function concatKdf(shared, algorithm, apu, apv) {
  const lengthPrefixed = (bytes) => {
    const out = new Uint8Array(4 + bytes.length);
    new DataView(out.buffer).setUint32(0, bytes.length);
    out.set(bytes, 4);
    return out;
  };
  const suppPub = new Uint8Array(4);
  new DataView(suppPub.buffer).setUint32(0, 256);
  const otherInfo = concat(lengthPrefixed(utf8(algorithm)), lengthPrefixed(apu ? fromBase64url(apu) : new Uint8Array()),
    lengthPrefixed(apv ? fromBase64url(apv) : new Uint8Array()), suppPub);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(new Uint8Array([0, 0, 0, 1]), shared,
    otherInfo)));
  const kek = await crypto.subtle.importKey('raw', digest, 'AES-KW', false, ['unwrapKey']);
  digest.fill(0);
  return kek;
}

/**
 * Verifies a compact JWS signed by the gateway: PS256 or ES256, its x5c certificate must be the gateway's published
 * signing certificate and the signature must verify with that certificate's key.
 * @returns {{payload: Uint8Array, header: object}}
 */
export async function verifyGatewayJws(compact, gatewayKeys) {
  const parts = compact.trim().split('.');
  if (parts.length !== 3) {
    throw new JoseError('malformed', 'the inner content is not a compact JWS');
  }
  const header = parseHeader(parts[0]);
  if (header.alg !== 'PS256' && header.alg !== 'ES256') {
    throw new JoseError('unsupported', 'signature algorithm ' + header.alg + ' is not accepted');
  }
  const published = fromBase64(gatewayKeys.signingCertificate);
  if (!Array.isArray(header.x5c) || header.x5c.length === 0 || !equal(fromBase64(header.x5c[0]), published)) {
    throw new JoseError('wrong-signer', 'not signed with the gateway\'s published signing certificate');
  }
  const importParams = header.alg === 'PS256' ? { name: 'RSA-PSS', hash: 'SHA-256' }
    : { name: 'ECDSA', namedCurve: 'P-256' };
  let key;
  try {
    key = await crypto.subtle.importKey('spki', certificateSpki(published), importParams, false,
      ['verify']);
  } catch (e) {
    throw new JoseError('wrong-signer', 'the gateway\'s key does not fit the algorithm ' + header.alg);
  }
  const ok = await crypto.subtle.verify(SIGNING[header.alg], key, fromBase64url(parts[2]),
    utf8(parts[0] + '.' + parts[1]));
  if (!ok) {
    throw new JoseError('bad-signature', 'the gateway\'s signature does not verify');
  }
  return { payload: fromBase64url(parts[1]), header };
}
