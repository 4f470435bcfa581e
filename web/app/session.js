// @ts-check
// Where the API is and how to sign in: the embedded stack serves the page beside the API with Basic
// sign-in (no config.json); on AWS, config.json (written by the CDK app) names the API and Cognito's
// hosted UI, where the page signs in with the authorization-code flow and PKCE and keeps the ID token.

/** @typedef {{ apiUrl?: string, auth?: { domain: string, clientId: string, redirectUri: string } }} ConsoleConfig */

/** @type {ConsoleConfig} */
const config = await fetch('config.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
export const API = (config.apiUrl ?? '').replace(/\/$/, '');

/** @param {ArrayBuffer | Uint8Array} bytes */
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** @returns {Promise<string>} the ID token, after a round trip through Cognito's hosted sign-in if need be */
async function cognitoSignIn() {
  const a = /** @type {NonNullable<ConsoleConfig['auth']>} */ (config.auth);
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code && params.get('state') === sessionStorage.getItem('intake-state')) {
    const r = await fetch(`${a.domain}/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: a.clientId, code, redirect_uri: a.redirectUri, code_verifier: sessionStorage.getItem('intake-verifier') ?? '' }),
    });
    history.replaceState(null, '', a.redirectUri);
    if (r.ok) {
      const { id_token } = await r.json();
      sessionStorage.setItem('intake-token', id_token);
      return id_token;
    }
  }
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('intake-verifier', verifier);
  sessionStorage.setItem('intake-state', state);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  location.assign(`${a.domain}/oauth2/authorize?` + new URLSearchParams({ response_type: 'code', client_id: a.clientId, redirect_uri: a.redirectUri, scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256' }));
  return new Promise(() => {}); // the page is leaving for the sign-in
}

let token = sessionStorage.getItem('intake-token');
if (config.auth && !token) token = await cognitoSignIn();

/** Whether calls carry a token (AWS) rather than the browser's Basic sign-in (the embedded stack). */
export const signedInWithToken = () => token !== null;

/**
 * Every API call: the API's address and, on AWS, the ID token (locally the browser sends the Basic sign-in).
 * @param {string} path
 * @param {RequestInit} [opts]
 */
export async function api(path, opts = {}) {
  const r = await fetch(API + path, { ...opts, headers: { ...(opts.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (r.status === 401 && config.auth) {
    sessionStorage.removeItem('intake-token');
    token = await cognitoSignIn();
  }
  return r;
}

/**
 * A file the API answers with (the ledger, the 公示), saved as a download.
 * @param {string} path
 * @param {string} name
 */
export async function download(path, name) {
  const r = await api(path);
  if (!r.ok) return;
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await r.blob()), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
