// The embedded S3 takes only requests signed with the stack's own key (issue 20, 1). s3rver checks no
// Signature V4 at all and answers anonymous requests, so anything on the machine could read the packets
// and replace an issued notice; here every request is checked as S3 checks it: an Authorization header
// or a presigned URL by Signature V4 (recomputed over the headers it signed), a
// browser's form upload by its POST policy (its signature, expiry and conditions). The canonical request
// is Signature V4's own (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The stack's S3 key pair, made once and kept beside its data, readable by its owner only. */
export function stackS3Credentials(dir: string): S3Credentials {
  const file = path.join(dir, 's3-credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as S3Credentials;
  mkdirSync(dir, { recursive: true });
  const made = { accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') };
  writeFileSync(file, JSON.stringify(made, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return made;
}

/** URI-encoding as Signature V4 wants it: everything but A–Z a–z 0–9 - _ . ~, in UTF-8. */
const rfc3986 = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface IncomingS3Request {
  method: string;
  /** The path and query as sent (still percent-encoded). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

const header = (h: IncomingS3Request['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** 20261207T021500Z → Date. */
function amzDate(s: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The parts of a credential scope: KEY/20261207/us-east-1/s3/aws4_request. */
function scopeOf(credential: string | undefined): { key: string; day: string; region: string; service: string } | null {
  const p = (credential ?? '').split('/');
  return p.length === 5 && p[4] === 'aws4_request' ? { key: p[0]!, day: p[1]!, region: p[2]!, service: p[3]! } : null;
}

/** How far a signed request's clock may be from ours (S3 allows 15 minutes). */
const SKEW_MS = 15 * 60_000;

/** Why the request is refused; null when it is signed with the stack's key. */
export async function refuseUnsigned(req: IncomingS3Request, creds: S3Credentials, now: Date = new Date()): Promise<string | null> {
  const u = new URL(req.url, 'http://s3.local');
  const auth = header(req.headers, 'authorization');
  const presigned = u.searchParams.get('X-Amz-Algorithm');
  if (!auth && !presigned) return 'anonymous requests are refused; sign them with the stack\'s key';
  let credential: string | undefined;
  let signedHeaders: string[];
  let given: string;
  let when: Date | null;
  if (auth) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return 'only AWS4-HMAC-SHA256 signatures are taken';
    [credential, signedHeaders, given] = [m[1], m[2]!.split(';'), m[3]!];
    when = amzDate(header(req.headers, 'x-amz-date'));
    if (!when || Math.abs(now.getTime() - when.getTime()) > SKEW_MS) return 'the request is not dated within 15 minutes of now';
  } else {
    if (presigned !== 'AWS4-HMAC-SHA256') return 'only AWS4-HMAC-SHA256 signatures are taken';
    credential = u.searchParams.get('X-Amz-Credential') ?? undefined;
    signedHeaders = (u.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
    given = u.searchParams.get('X-Amz-Signature') ?? '';
    when = amzDate(u.searchParams.get('X-Amz-Date') ?? undefined);
    const expires = Number(u.searchParams.get('X-Amz-Expires'));
    if (!when || !Number.isFinite(expires) || now.getTime() > when.getTime() + expires * 1000) return 'the link has expired';
  }
  const scope = scopeOf(credential);
  if (!scope || scope.key !== creds.accessKeyId || scope.service !== 's3') return 'not signed with this stack\'s key';
  // The canonical request as Signature V4 defines it for S3: the path as sent (S3 does not encode it twice),
  // every query parameter but the signature, the headers it signed, the payload as it declared it.
  const headers: string[] = [];
  for (const h of [...signedHeaders].sort()) {
    const v = header(req.headers, h);
    if (v === undefined) return `the signed header ${h} is missing`;
    headers.push(`${h}:${v.trim().replace(/\s+/g, ' ')}\n`);
  }
  const query = [...u.searchParams]
    .filter(([k]) => !(presigned && k === 'X-Amz-Signature'))
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const payload = presigned ? 'UNSIGNED-PAYLOAD' : header(req.headers, 'x-amz-content-sha256') ?? createHash('sha256').update('').digest('hex');
  const canonical = [req.method, req.url.split('?')[0], query, headers.join(''), signedHeaders.join(';'), payload].join('\n');
  const day = when.toISOString().slice(0, 10).replace(/-/g, '');
  if (day !== scope.day) return 'the credential\'s day is not the request\'s';
  const stamp = `${day}T${when.toISOString().slice(11, 19).replace(/:/g, '')}Z`;
  const toSign = ['AWS4-HMAC-SHA256', stamp, `${scope.day}/${scope.region}/s3/aws4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const expected = createHmac('sha256', signingKey(creds.secretAccessKey, scope.day, scope.region)).update(toSign).digest('hex');
  return sameSignature(expected, given) ? null : 'the signature does not match';
}

/** The key S3 derives a POST policy's signature with. */
function signingKey(secret: string, day: string, region: string): Buffer {
  const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
  return h(h(h(h(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
}

/**
 * Why a browser's form upload is refused; null when its policy is signed with the stack's key, has not
 * expired, and every field it sends is one the policy allows with the value it allows.
 */
export function refusePostPolicy(fields: Record<string, string>, bucket: string, creds: S3Credentials, now: Date = new Date()): string | null {
  const f = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
  const policy = f.policy;
  if (!policy || f['x-amz-algorithm'] !== 'AWS4-HMAC-SHA256') return 'a form upload needs a policy signed AWS4-HMAC-SHA256';
  const scope = scopeOf(f['x-amz-credential']);
  if (!scope || scope.key !== creds.accessKeyId || scope.service !== 's3') return 'not signed with this stack\'s key';
  const expected = createHmac('sha256', signingKey(creds.secretAccessKey, scope.day, scope.region)).update(policy).digest('hex');
  if (!sameSignature(expected, f['x-amz-signature'] ?? '')) return 'the policy signature does not match';
  let doc: { expiration?: string; conditions?: unknown[] };
  try {
    doc = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return 'the policy is not JSON';
  }
  if (!doc.expiration || now.getTime() > Date.parse(doc.expiration)) return 'the policy has expired';
  const allowed = new Set(['policy', 'x-amz-signature', 'file']);
  const values: Record<string, string> = { ...f, bucket };
  for (const c of doc.conditions ?? []) {
    if (Array.isArray(c)) {
      const [op, field, value] = c as [string, string, string | number];
      if (op === 'content-length-range') continue; // the body's length is S3's to check as it arrives; s3rver's limits hold
      const name = String(field).replace(/^\$/, '').toLowerCase();
      allowed.add(name);
      const v = values[name] ?? '';
      if (op === 'eq' && v !== String(value)) return `${name} is not what the policy allows`;
      if (op === 'starts-with' && !v.startsWith(String(value))) return `${name} is not what the policy allows`;
    } else if (c && typeof c === 'object') {
      for (const [k, value] of Object.entries(c as Record<string, string>)) {
        const name = k.toLowerCase();
        allowed.add(name);
        if ((values[name] ?? '') !== String(value)) return `${name} is not what the policy allows`;
      }
    }
  }
  const extra = Object.keys(f).filter((k) => !allowed.has(k) && !k.startsWith('x-ignore-'));
  return extra.length ? `the policy does not allow ${extra.join(', ')}` : null;
}
