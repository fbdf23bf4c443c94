// The gateway's public HTTPS API, called like any other client: every request carries its own fresh token.
import { mintToken } from './jose.js';

export class ApiError extends Error {
  constructor(status, type, detail) {
    super(detail || type || String(status));
    this.status = status;
    this.type = type;
  }

  /** The problem type's last part, e.g. certificate-refused. */
  get cause() {
    return (this.type || '').replace('urn:tsunagi:problem:', '');
  }
}

export class Api {
  constructor(identity, keys) {
    this.identity = identity;
    this.keys = keys;
  }

  async request(path, { method = 'GET', accept = 'application/json', body, contentType } = {}) {
    const headers = { Authorization: 'Bearer ' + await mintToken(this.identity, this.keys.gatewayId), Accept: accept };
    if (contentType) {
      headers['Content-Type'] = contentType;
    }
    const response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'omit',
      redirect: 'error', referrerPolicy: 'no-referrer' });
    if (!response.ok) {
      let type = null;
      let detail = null;
      try {
        const problem = await response.json();
        type = problem.type;
        detail = problem.detail || problem.title;
      } catch (e) {
        // not problem+json: the status says enough
      }
      throw new ApiError(response.status, type, detail);
    }
    return response;
  }

  async json(path) {
    return (await this.request(path)).json();
  }

  async text(path, accept) {
    const response = await this.request(path, { accept });
    return { text: await response.text(), headers: response.headers };
  }
}

/** The gateway's public keys (no token needed). */
export async function publicKeys() {
  const response = await fetch('/portal/keys.json', { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) {
    throw new ApiError(response.status, null, 'cannot load the gateway\'s public keys');
  }
  return response.json();
}

export async function fieldLabels() {
  const response = await fetch('/portal/fields.json', { credentials: 'omit' });
  if (!response.ok) {
    throw new ApiError(response.status, null, 'cannot load the field labels');
  }
  return response.json();
}
