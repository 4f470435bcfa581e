// The pages of a case as the console shows them, numbered as the pipeline numbered them (files in upload
// order, videos and unreadable files contributing none), so that the fields' boxes fall on their words.
import { MAX_FILE_BYTES } from '../config.ts';
import type { CaseRecord } from '../domain/schemas.ts';
import { countPages, isVideo, renderPage } from '../extract/normalise.ts';
import type { ObjectStore } from './ports.ts';

export async function casePageImage(objects: ObjectStore, c: Pick<CaseRecord, 'uploads'>, page: number): Promise<{ png: Buffer; width: number; height: number } | null> {
  let offset = 0;
  for (const u of c.uploads) {
    if ((u.size ?? 0) > MAX_FILE_BYTES) continue;
    const { bytes } = await objects.get(u.bucket, u.key);
    if (isVideo(bytes)) continue;
    const n = await countPages(bytes);
    if (page <= offset + n) return renderPage(bytes, u.key.split('/').pop() ?? u.key, page - offset);
    offset += n;
  }
  return null;
}
