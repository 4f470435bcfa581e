// The pages of a case as the console shows them, numbered as the pipeline numbered them (files in upload
// order, videos and unreadable files contributing none), so that the fields' boxes fall on their words.
import sharp from 'sharp';
import { MAX_FILE_BYTES, RESPONSES_PREFIX } from '../config.ts';
import type { CaseRecord } from '../domain/schemas.ts';
import { countPages, isVideo, renderPage } from '../extract/normalise.ts';
import { ObjectChangedError, type ObjectStore } from './ports.ts';

/** How wide a page's preview is: enough to read a form on a screen, a tenth of a 300-dpi page's bytes. */
export const PREVIEW_WIDTH = 1200;

export interface PageImage {
  bytes: Uint8Array;
  contentType: string;
  /** The full page's size in pixels (the fields' boxes are in these). */
  width: number;
  height: number;
}

/**
 * A page as the console shows it first: a small WebP, made once and kept beside the case's PDFs, so that a
 * page opens at once the second time and is light the first; the full image is asked for on demand.
 */
export async function casePagePreview(objects: ObjectStore, bucket: string, c: Pick<CaseRecord, 'uploads' | 'caseId' | 'jurisdiction'>, page: number): Promise<PageImage | null> {
  const key = `${RESPONSES_PREFIX}${c.jurisdiction}/${c.caseId}/previews/${page}.webp`;
  try {
    const kept = await objects.get(bucket, key);
    const [w, h] = (kept.metadata?.['page-size'] ?? '').split('x').map(Number);
    if (w && h) return { bytes: kept.bytes, contentType: 'image/webp', width: w, height: h };
  } catch {
    /* not made yet */
  }
  const full = await casePageImage(objects, c, page);
  if (!full) return null;
  const bytes = new Uint8Array(await sharp(full.png).resize({ width: Math.min(PREVIEW_WIDTH, full.width) }).webp({ quality: 70 }).toBuffer());
  await objects.put(bucket, key, bytes, 'image/webp', { 'page-size': `${full.width}x${full.height}`, 'case-id': c.caseId });
  return { bytes, contentType: 'image/webp', width: full.width, height: full.height };
}

/** The version of an upload the case recorded, for ObjectStore.get (a key overwritten since is refused). */
export const recordedVersion = (u: { etag: string; versionId?: string }) => ({ etag: u.etag, ...(u.versionId ? { versionId: u.versionId } : {}) });

export async function casePageImage(objects: ObjectStore, c: Pick<CaseRecord, 'uploads'>, page: number): Promise<{ png: Buffer; width: number; height: number } | null> {
  let offset = 0;
  for (const u of c.uploads) {
    if ((u.size ?? 0) > MAX_FILE_BYTES) continue;
    // The file as the case read it: a key overwritten since shows nothing rather than another file.
    let bytes: Uint8Array;
    try {
      ({ bytes } = await objects.get(u.bucket, u.key, { version: recordedVersion(u) }));
    } catch (e) {
      if (e instanceof ObjectChangedError) return null;
      throw e;
    }
    if (isVideo(bytes)) continue;
    const n = await countPages(bytes);
    if (page <= offset + n) return renderPage(bytes, u.key.split('/').pop() ?? u.key, page - offset);
    offset += n;
  }
  return null;
}
