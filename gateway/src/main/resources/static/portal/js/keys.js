// Imports a participant's private key file into WebCrypto as non-extractable keys, kept in memory only.
// PKCS#8 PEM (plain or password-protected with PBES2) or PKCS#12 (PBES2, as OpenSSL 3 writes it by default).
import { fromBase64, utf8 } from './bytes.js';
import { children, DerError, integer, oid, read, value, whole } from './der.js';

export class KeyFileError extends Error {
  constructor(code, detail) {
    super(detail || code);
    this.code = code;
  }
}

const OID = {
  rsa: '1.2.840.113549.1.1.1',
  ec: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  ed25519: '1.3.101.112',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacSha1: '1.2.840.113549.2.7',
  hmacSha256: '1.2.840.113549.2.9',
  hmacSha384: '1.2.840.113549.2.10',
  hmacSha512: '1.2.840.113549.2.11',
  aes128cbc: '2.16.840.1.101.3.4.1.2',
  aes192cbc: '2.16.840.1.101.3.4.1.22',
  aes256cbc: '2.16.840.1.101.3.4.1.42',
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
};

const MAX_FILE_BYTES = 64 * 1024;

/**
 * @param {File} file the key file the user chose
 * @param {string} password for an encrypted key or PKCS#12 ('' when none)
 * @returns {Promise<{algorithm: 'ES256'|'PS256'|'EdDSA', sign: CryptoKey, decrypt: CryptoKey|null, kind: string}>}
 */
export async function importKeyFile(file, password) {
  if (!file) {
    throw new KeyFileError('no-file');
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new KeyFileError('not-a-key', 'the file is larger than a key file');
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return await importKeyBytes(bytes, password);
  } finally {
    bytes.fill(0);
  }
}

export async function importKeyBytes(bytes, password) {
  const text = looksLikePem(bytes) ? new TextDecoder().decode(bytes) : null;
  let pkcs8;
  try {
    if (text !== null) {
      const pem = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
      if (!pem) {
        throw new KeyFileError('not-a-key');
      }
      const der = fromBase64(pem[2]);
      if (pem[1] === 'PRIVATE KEY') {
        pkcs8 = der;
      } else if (pem[1] === 'ENCRYPTED PRIVATE KEY') {
        pkcs8 = await decryptPkcs8(read(der), password);
      } else {
        throw new KeyFileError('not-a-key', 'a ' + pem[1] + ' is not a PKCS#8 private key');
      }
    } else {
      pkcs8 = await fromPkcs12(bytes, password);
    }
    return await importPkcs8(pkcs8);
  } catch (e) {
    if (e instanceof KeyFileError) {
      throw e;
    }
    throw new KeyFileError('not-a-key', e.message);
  } finally {
    if (pkcs8) {
      pkcs8.fill(0);
    }
  }
}

function looksLikePem(bytes) {
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 200)));
  return head.includes('-----BEGIN ');
}

async function importPkcs8(pkcs8) {
  const info = children(read(pkcs8));
  const algorithm = children(info[1]);
  const keyOid = oid(algorithm[0]);
  if (keyOid === OID.ec) {
    if (algorithm.length < 2 || algorithm[1].tag !== 0x06 || oid(algorithm[1]) !== OID.p256) {
      throw new KeyFileError('unsupported-key', 'EC keys must be P-256');
    }
    const curve = { namedCurve: 'P-256' };
    return {
      algorithm: 'ES256',
      kind: 'EC P-256',
      sign: await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', ...curve }, false, ['sign']),
      decrypt: await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDH', ...curve }, false, ['deriveBits']),
    };
  }
  if (keyOid === OID.rsa) {
    return {
      algorithm: 'PS256',
      kind: 'RSA',
      sign: await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']),
      decrypt: await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSA-OAEP', hash: 'SHA-256' }, false,
        ['unwrapKey']),
    };
  }
  if (keyOid === OID.ed25519) {
    return {
      algorithm: 'EdDSA',
      kind: 'Ed25519',
      sign: await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']),
      decrypt: null,
    };
  }
  throw new KeyFileError('unsupported-key', 'keys are EC P-256, RSA or Ed25519');
}

/** EncryptedPrivateKeyInfo with PBES2 (PBKDF2 + AES-CBC); anything older is refused with a reason. */
async function decryptPkcs8(encryptedInfo, password) {
  const [algorithm, data] = children(encryptedInfo);
  return pbes2Decrypt(algorithm, value(data), password);
}

async function pbes2Decrypt(algorithmNode, ciphertext, password) {
  const algorithm = children(algorithmNode);
  if (oid(algorithm[0]) !== OID.pbes2) {
    throw new KeyFileError('unsupported-encryption',
      'only PBES2 (PBKDF2 + AES) encryption is supported; re-export with OpenSSL 3 defaults');
  }
  if (!password) {
    throw new KeyFileError('password-required');
  }
  const [kdf, scheme] = children(algorithm[1]);
  const kdfParts = children(kdf);
  if (oid(kdfParts[0]) !== OID.pbkdf2) {
    throw new KeyFileError('unsupported-encryption', 'only PBKDF2 is supported');
  }
  const params = children(kdfParts[1]);
  const salt = value(params[0]);
  const iterations = integer(params[1]);
  if (iterations < 1 || iterations > 10000000) {
    throw new KeyFileError('unsupported-encryption', 'unreasonable PBKDF2 iteration count');
  }
  let hash = 'SHA-1';
  const prf = params.find((p) => p.tag === 0x30);
  if (prf) {
    hash = { [OID.hmacSha1]: 'SHA-1', [OID.hmacSha256]: 'SHA-256', [OID.hmacSha384]: 'SHA-384',
      [OID.hmacSha512]: 'SHA-512' }[oid(children(prf)[0])];
    if (!hash) {
      throw new KeyFileError('unsupported-encryption', 'unsupported PBKDF2 PRF');
    }
  }
  const schemeParts = children(scheme);
  const keyBits = { [OID.aes128cbc]: 128, [OID.aes192cbc]: 192, [OID.aes256cbc]: 256 }[oid(schemeParts[0])];
  if (!keyBits) {
    throw new KeyFileError('unsupported-encryption', 'only AES-CBC is supported');
  }
  const iv = value(schemeParts[1]);
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash }, base,
    { name: 'AES-CBC', length: keyBits }, false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, key, ciphertext));
  } catch (e) {
    throw new KeyFileError('wrong-password');
  }
}

/** The private key of a PKCS#12 file: its (shrouded) key bag, wherever it is in the authenticated safe. */
async function fromPkcs12(bytes, password) {
  let pfx;
  try {
    pfx = children(read(bytes));
  } catch (e) {
    throw new KeyFileError('not-a-key');
  }
  if (pfx.length < 2 || integer(pfx[0]) !== 3) {
    throw new KeyFileError('not-a-key');
  }
  const authSafe = contentData(pfx[1]);
  for (const info of children(read(authSafe))) {
    const parts = children(info);
    const type = oid(parts[0]);
    if (type !== OID.data) {
      continue; // certificate bags are usually in an encryptedData content: not needed to sign in
    }
    const bags = children(read(contentData(info)));
    for (const bag of bags) {
      const [bagId, bagValue] = children(bag);
      const inner = children(bagValue)[0];
      if (oid(bagId) === OID.shroudedKeyBag) {
        return decryptPkcs8(inner, password);
      }
      if (oid(bagId) === OID.keyBag) {
        return new Uint8Array(whole(inner));
      }
    }
  }
  throw new KeyFileError('not-a-key', 'the PKCS#12 file holds no private key');
}

function contentData(contentInfo) {
  const parts = children(contentInfo);
  if (oid(parts[0]) !== OID.data || parts[1].tag !== 0xa0) {
    throw new DerError('unexpected PKCS#12 content');
  }
  const octets = children(parts[1])[0];
  if (octets.tag !== 0x04) {
    throw new DerError('unexpected PKCS#12 content (constructed octets)');
  }
  return value(octets);
}
