// The object-store port on S3 (locally s3rver, reached through AWS_ENDPOINT_URL_S3).
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { ObjectChangedError, type ObjectHead, type ObjectStore, type ObjectSummary, type StoredObject } from '../cases/ports.ts';

export function s3Client(): S3Client {
  return new S3Client({
    // s3rver serves path-style only; on AWS virtual-hosted style is the default.
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    // Checksums on streamed uploads corrupt bodies on s3rver; AWS does not need them either.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly s3: S3Client = s3Client()) {}

  async head(bucket: string, key: string): Promise<ObjectHead> {
    const r = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      size: r.ContentLength ?? 0,
      etag: (r.ETag ?? '').replace(/"/g, ''),
      versionId: r.VersionId && r.VersionId !== 'null' ? r.VersionId : undefined,
      lastModified: r.LastModified ?? new Date(0),
      contentType: r.ContentType,
      metadata: r.Metadata ?? {},
    };
  }

  async get(bucket: string, key: string, opts: { firstBytes?: number; version?: { versionId?: string; etag: string } } = {}): Promise<StoredObject> {
    const range = opts.firstBytes ? `bytes=0-${opts.firstBytes - 1}` : undefined;
    const v = opts.version;
    let r;
    try {
      // The version the case read: by its id where the bucket is versioned (on AWS), and its ETag always.
      r = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range, ...(v?.versionId ? { VersionId: v.versionId } : {}), ...(v ? { IfMatch: `"${v.etag}"` } : {}) }));
    } catch (e) {
      if (v && (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) throw new ObjectChangedError(bucket, key);
      throw e;
    }
    if (v && (r.ETag ?? '').replace(/"/g, '') !== v.etag) throw new ObjectChangedError(bucket, key);
    const bytes = await r.Body!.transformToByteArray();
    return {
      bytes,
      etag: (r.ETag ?? '').replace(/"/g, ''),
      versionId: r.VersionId && r.VersionId !== 'null' ? r.VersionId : undefined,
      lastModified: r.LastModified ?? new Date(0),
      contentType: r.ContentType,
      metadata: r.Metadata ?? {},
    };
  }

  async put(bucket: string, key: string, bytes: Uint8Array, contentType: string, metadata?: Record<string, string>): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType, Metadata: metadata }));
  }

  async tag(bucket: string, key: string, tags: Record<string, string>): Promise<void> {
    await this.s3.send(
      new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }),
    );
  }

  async list(bucket: string, prefix: string): Promise<ObjectSummary[]> {
    const out: ObjectSummary[] = [];
    let token: string | undefined;
    do {
      const r = await this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of r.Contents ?? []) out.push({ key: o.Key!, etag: (o.ETag ?? '').replace(/"/g, ''), size: o.Size ?? 0 });
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** A short-lived download link for a reviewer. */
  presignGet(bucket: string, key: string, seconds = 300): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: seconds });
  }

  /**
   * A browser's upload straight to S3 (POST Object): the policy pins the key, the metadata and a size range,
   * so the page can send this one file there and nothing else.
   */
  async presignPost(bucket: string, key: string, o: { maxBytes: number; metadata: Record<string, string>; seconds?: number }): Promise<{ url: string; fields: Record<string, string> }> {
    const meta = Object.fromEntries(Object.entries(o.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
    return createPresignedPost(this.s3, {
      Bucket: bucket,
      Key: key,
      Fields: meta,
      Conditions: [['content-length-range', 1, o.maxBytes], ...Object.entries(meta).map(([k, v]) => ({ [k]: v }))],
      Expires: o.seconds ?? 900,
    });
  }
}
