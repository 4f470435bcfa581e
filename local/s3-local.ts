// s3rver in-process, with its upload events turned into the records real S3 sends (eventVersion 2.1,
// URL-encoded keys, unique sequencer, CompleteMultipartUpload for multipart) so that the handler CDK
// deploys sees the same shape here.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { encodeEventKey } from '../lib/cases/upload-key.ts';

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
interface S3rverInstance {
  store: S3rverStore;
  middleware: ((ctx: KoaCtx, next: () => Promise<void>) => Promise<void>)[];
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
  stop(): Promise<void>;
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

export async function startLocalS3(opts: {
  port: number;
  directory: string;
  buckets: string[];
  onObjectCreated: (record: S3EventRecord) => void;
}): Promise<LocalS3> {
  mkdirSync(opts.directory, { recursive: true });
  const server = new S3rver({
    port: opts.port,
    address: '127.0.0.1',
    directory: opts.directory,
    silent: true,
    resetOnClose: false,
    allowMismatchedSignatures: true,
    configureBuckets: opts.buckets.map((name) => ({
      name,
      // The console uploads straight from the browser (presigned POST).
      configs: [
        `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`,
      ],
    })),
  });

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
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new Error(`port ${opts.port} for the local S3 is in use; set INTAKE_S3_PORT to a free port`);
    throw e;
  }
  return { endpoint: `http://127.0.0.1:${opts.port}`, stop: () => server.close() };
}
