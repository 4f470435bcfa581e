// What the console's server tells the browser and what it refuses from it (issue 20, 5): a content
// security policy that runs only the console's own scripts and lets no other site frame it, no caching of
// API answers, and no state change sent by another site's page with the browser's remembered sign-in.
import { createHash } from 'node:crypto';

/** The content security policy of the console's pages: its own scripts (and inline ones by hash), S3 for uploads and page images. */
export function contentSecurityPolicy(opts: { objectStoreOrigin?: string; inlineScripts?: string[]; connectTo?: string[] }): string {
  const s3 = [opts.objectStoreOrigin, ...(opts.connectTo ?? [])].filter(Boolean).map((o) => ` ${o}`).join('');
  const hashes = (opts.inlineScripts ?? []).map((s) => ` 'sha256-${createHash('sha256').update(s).digest('base64')}'`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${hashes}`,
    // The page's few style attributes; no inline script rides on this.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${s3}`,
    `connect-src 'self'${s3}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every page and answer of the console. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** The inline <script> bodies of a page, for their hashes in the policy. */
export function inlineScriptsOf(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

/**
 * Why a request that changes something is refused as cross-site, or null when it may go on. Browsers send
 * Origin (and Sec-Fetch-Site) with every POST; a page of another site posting with the console's remembered
 * Basic sign-in is refused. A client that is not a browser (the CLI, curl) sends neither and is not at risk.
 */
export function crossSiteRefusal(method: string, headers: { origin?: string; 'sec-fetch-site'?: string }, selfOrigins: string[]): string | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  const site = headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return `a ${site} request may not change anything here`;
  const origin = headers.origin;
  if (origin !== undefined && !selfOrigins.includes(origin)) return `requests from ${origin === 'null' ? 'an opaque origin' : origin} may not change anything here`;
  return null;
}
