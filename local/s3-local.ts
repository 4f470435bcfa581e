// s3rver in-process, with its upload events turned into the records real S3 sends (eventVersion 2.1,
// URL-encoded keys, unique sequencer, CompleteMultipartUpload for multipart) so that the handler CDK
// deploys sees the same shape here.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { encodeEventKey } from '../lib/cases/upload-key.ts';
import { refusePostPolicy, refuseUnsigned, type S3Credentials } from './s3-auth.ts';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => S3rverInstance;

interface KoaCtx {
  method: string;
  query: Record<string, string>;
  params?: Record<string, string>;
  path: string;
  status?: number;
  type?: string;
  body?: unknown;
}
interface S3rverStore {
  putObject(o: { bucket: string; key: string }): Promise<unknown>;
  getMetadata(bucket: string, key: string): Promise<unknown>;
}
type KoaMiddleware = (ctx: KoaCtx, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  store: S3rverStore;
  middleware: KoaMiddleware[];
  on(event: 'event', fn: (e: { Records: S3rverRecord[] }) => void): void;
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
interface S3rverRecord {
  eventName: string;
  eventTime: string;
  awsRegion: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}

export interface S3EventRecord {
  eventVersion: '2.1';
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: Record<string, string>;
  s3: {
    s3SchemaVersion: '1.0';
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: { key: string; size: number; eTag: string; sequencer: string };
  };
}

export interface LocalS3 {
  endpoint: string;
  /** The web origins (the console's) whose pages may call this S3 from a browser; no other. */
  allowOrigins(origins: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** A bucket's CORS rule for the console's pages only (its presigned uploads, its page images). */
const corsFor = (origins: string[]) =>
  `<CORSConfiguration><CORSRule>${origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('')}<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

/** An origin no page has: until the console is up, no browser may call. */
const NO_ORIGIN = 'https://no-console-yet.invalid';

/**
 * The text fields of a multipart form, which come before its file part, read from the request and put
 * back so that s3rver reads the whole body after.
 */
async function peekFormFields(req: import('node:http').IncomingMessage, contentType: string): Promise<Record<string, string>> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  // The fields are small; past 256 KB without the file part the form is not one of ours.
  while (size < 256 * 1024) {
    const chunk = req.read() as Buffer | null;
    if (chunk === null) {
      if (req.readableEnded) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          req.off('readable', done);
          req.off('end', done);
          resolve();
        };
        req.on('readable', done);
        req.on('end', done);
      });
      continue;
    }
    chunks.push(chunk);
    size += chunk.length;
    if (Buffer.concat(chunks).includes('name="file"')) break;
  }
  const head = Buffer.concat(chunks);
  req.unshift(head);
  const fields: Record<string, string> = {};
  for (const part of head.toString('latin1').split(`--${boundary[1] ?? boundary[2]}`)) {
    const m = /^\r\nContent-Disposition: form-data; name="([^"]+)"(;[^\r]*)?\r\n(?:[^\r]+\r\n)*\r\n([\s\S]*)\r\n$/i.exec(part);
    if (!m || m[1] === 'file') continue;
    fields[m[1]!] = Buffer.from(m[3]!, 'latin1').toString('utf8');
  }
  return fields;
}

let sequence = 0n;
/** Hex sequencer that grows strictly across a run, as S3's does per key. */
function nextSequencer(): string {
  sequence += 1n;
  return (BigInt(Date.now()) * 1_000_000n + sequence).toString(16).toUpperCase().padStart(18, '0');
}

/** The record S3 sends for a created object (key URL-encoded, '+' for spaces). */
export function objectCreatedRecord(bucket: string, key: string, size: number, eTag: string, eventName = 'ObjectCreated:Put'): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: process.env.AWS_REGION ?? 'us-east-1',
    eventTime: new Date().toISOString(),
    eventName,
    userIdentity: { principalId: 'AWS:LOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': nextSequencer(), 'x-amz-id-2': 'local' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'intake-object-created',
      bucket: { name: bucket, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${bucket}` },
      object: { key: encodeEventKey(key), size, eTag, sequencer: nextSequencer() },
    },
  };
}

/**
 * Every request signed (issue 20, 1), with the stack's key or s3rver's documented default (S3RVER/S3RVER,
 * which outside tools sign with, as CONTRACT's env --json invites them to), both checked in full. The one
 * exception is a browser's form upload, whose policy must be signed with the stack's own key: S3RVER's
 * secret is public, and a form needs no preflight, so a form any web page can post is refused.
 */
function signedOnly(credentials: S3Credentials): KoaMiddleware {
  const accounts = require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
  accounts.DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const keys = [credentials, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }];
  return async (ctx, next) => {
    const deny = async (why: string) => {
      // The body is read to its end first (and dropped): a client still sending would otherwise see its
      // connection reset instead of the answer.
      const req = (ctx as unknown as { req: import('node:http').IncomingMessage }).req;
      if (!req.readableEnded) await new Promise<void>((resolve) => req.on('end', resolve).on('error', () => resolve()).on('close', () => resolve()).resume());
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${why.replace(/[<&>]/g, '')}</Message></Error>`;
    };
    if (ctx.method === 'OPTIONS') return next(); // a CORS preflight carries no credentials; CORS decides it
    const c = ctx as unknown as { url: string; headers: Record<string, string | string[] | undefined>; req: import('node:http').IncomingMessage };
    const contentType = String(c.headers['content-type'] ?? '');
    const signed = c.headers.authorization !== undefined || 'X-Amz-Algorithm' in ctx.query;
    if (ctx.method === 'POST' && !signed && /^multipart\/form-data/i.test(contentType)) {
      const bucket = decodeURIComponent(ctx.path.split('/')[1] ?? '');
      const why = refusePostPolicy(await peekFormFields(c.req, contentType), bucket, credentials);
      return why ? await deny(why) : next();
    }
    // Signature V2 (older clients): s3rver checks those itself, in full (allowMismatchedSignatures is off).
    if (/^AWS [^:\s]+:/.test(String(c.headers.authorization ?? '')) || 'Signature' in ctx.query) return next();
    const credential = String(c.headers.authorization ?? '').match(/Credential=([^/,]+)/)?.[1] ?? String(ctx.query['X-Amz-Credential'] ?? '').split('/')[0];
    const key = keys.find((k) => k.accessKeyId === credential) ?? credentials;
    const why = await refuseUnsigned({ method: ctx.method, url: c.url, headers: c.headers }, key);
    return why ? await deny(why) : next();
  };
}

export async function startLocalS3(opts: {
  port: number;
  directory: string;
  buckets: string[];
  onObjectCreated: (record: S3EventRecord) => void;
  /** The stack's own key pair (local/s3-auth.ts); its presigned form uploads are the only unsigned requests taken. */
  credentials: S3Credentials;
}): Promise<LocalS3> {
  mkdirSync(opts.directory, { recursive: true });
  const buckets = (origins: string[]) => opts.buckets.map((name) => ({ name, configs: [corsFor(origins)] }));
  const server = new S3rver({
    port: opts.port,
    address: '127.0.0.1',
    directory: opts.directory,
    silent: true,
    resetOnClose: false,
    // Signature V4 is checked by signedOnly (s3rver checks none); V2 by s3rver itself.
    allowMismatchedSignatures: false,
    configureBuckets: buckets([NO_ORIGIN]),
  });
  server.middleware.unshift(signedOnly(opts.credentials));

  // s3rver keeps each object in a file named after its key and joins the path segments, so "../" in a
  // key would reach outside its directory and "a/./b" would alias "a/b". S3 itself takes such keys
  // literally; the emulator refuses them with S3's own error rather than touch the disk.
  server.middleware.unshift(async (ctx, next) => {
    let path: string;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      path = ctx.path;
    }
    if (path.split('/').slice(2).some((seg) => seg === '.' || seg === '..')) {
      ctx.status = 400;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code><Message>The embedded S3 refuses object keys with "." or ".." path segments</Message></Error>`;
      return;
    }
    await next();
  });

  // s3rver writes an object's bytes straight into the file it lists and reads (and caches an MD5 of
  // whatever is there at the first read), so a packet's file still arriving could be listed, read
  // half-written and given a wrong ETag. S3 shows an object only once it is complete; so does this.
  const store = server.store;
  const arriving = new Set<string>();
  const putObject = store.putObject.bind(store);
  store.putObject = async (o) => {
    const id = `${o.bucket}\n${o.key}`;
    arriving.add(id);
    try {
      return await putObject(o);
    } finally {
      arriving.delete(id);
    }
  };
  const getMetadata = store.getMetadata.bind(store);
  store.getMetadata = async (bucket, key) => {
    if (arriving.has(`${bucket}\n${key}`)) throw Object.assign(new Error(`${key} is still arriving`), { code: 'ENOENT' });
    return getMetadata(bucket, key);
  };

  // s3rver reports a completed multipart upload as a POST; note which requests complete one.
  const multipart = new Set<string>();
  server.middleware.unshift(async (ctx, next) => {
    const mark = ctx.method === 'POST' && ctx.query.uploadId !== undefined ? decodeURIComponent(ctx.path) : null;
    if (mark) multipart.add(mark);
    try {
      await next();
    } finally {
      if (mark) multipart.delete(mark);
    }
  });

  server.on('event', (e) => {
    for (const r of e.Records) {
      if (!r.eventName.startsWith('ObjectCreated:')) continue;
      const bucket = r.s3.bucket.name;
      const key = r.s3.object.key; // s3rver gives it decoded
      const isMultipart = multipart.has(`/${bucket}/${key}`);
      opts.onObjectCreated(objectCreatedRecord(bucket, key, r.s3.object.size ?? 0, r.s3.object.eTag ?? '', isMultipart ? 'ObjectCreated:CompleteMultipartUpload' : r.eventName));
    }
  });

  try {
    await server.run();
    // As the console's: a client reusing an idle connection must not meet one just closed (ECONNRESET).
    const http = (server as unknown as { httpServer?: import('node:http').Server }).httpServer;
    if (http) {
      http.keepAliveTimeout = 30_000;
      http.headersTimeout = 35_000;
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new Error(`port ${opts.port} for the local S3 is in use; set INTAKE_S3_PORT to a free port`);
    throw e;
  }
  const configurable = server as unknown as { _configureBuckets: unknown; configureBuckets(): Promise<unknown> };
  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    async allowOrigins(origins) {
      configurable._configureBuckets = buckets(origins);
      await configurable.configureBuckets();
    },
    stop: () => server.close(),
  };
}
