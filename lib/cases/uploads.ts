// An institution's clerk uploads a packet from the console: each file gets its own presigned POST under
// the institution's prefix, with the packet's size and type checked here first so the page can say what
// is wrong at once. The files then arrive in the intake bucket like any other upload.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { INCOMING_PREFIX, MAX_FILE_BYTES, META_PACKET_FILES, META_SUBMISSION_TYPE } from '../config.ts';
import { Jurisdiction, UploadableType } from '../domain/schemas.ts';
import type { Principal } from './access.ts';
import { Refusal } from './errors.ts';
import type { Clock } from './ports.ts';

/** What the console lets an institution upload, and how large (documents as the pipeline reads them; lesson videos). */
export const UPLOAD_TYPES: Record<string, number> = {
  pdf: MAX_FILE_BYTES, jpg: MAX_FILE_BYTES, jpeg: MAX_FILE_BYTES, png: MAX_FILE_BYTES, tif: MAX_FILE_BYTES, tiff: MAX_FILE_BYTES,
  mp4: 2 * 1024 ** 3, mov: 2 * 1024 ** 3,
};

export const UploadRequest = z.object({
  jurisdiction: Jurisdiction,
  submissionType: UploadableType,
  files: z.array(z.object({ name: z.string().min(1).max(200), size: z.number().int().nonnegative() })).min(1).max(100),
});

export type PresignUpload = (key: string, o: { maxBytes: number; metadata: Record<string, string> }) => Promise<{ url: string; fields: Record<string, string> }>;

const extensionOf = (name: string) => name.split('.').pop()?.toLowerCase() ?? '';

/** What is wrong with the files of a packet, in words for the clerk (empty: nothing). */
function problemsOf(files: z.infer<typeof UploadRequest>['files']): string[] {
  const problems: string[] = [];
  for (const f of files) {
    const max = UPLOAD_TYPES[extensionOf(f.name)];
    if (/[\/\\]|^\.\.?$/.test(f.name)) problems.push(`${f.name}: a file name may not contain / or \\`);
    else if (max === undefined) problems.push(`${f.name}: 不支持的文件类型（可上传 PDF、JPG、PNG、TIFF，课程视频 MP4、MOV）`);
    else if (f.size === 0) problems.push(`${f.name}: 文件为空`);
    else if (f.size > max) problems.push(`${f.name}: ${(f.size / 1048576).toFixed(0)} MB，超过 ${max / 1048576} MB`);
  }
  if (new Set(files.map((f) => f.name)).size !== files.length) problems.push('同一材料包内文件名重复');
  return problems;
}

export async function planUpload(who: Principal, body: unknown, deps: { presignUpload?: PresignUpload; clock: Clock }) {
  if (who.role !== 'institution' || !who.institution) throw new Refusal('forbidden', 'only an institution uploads packets');
  if (!deps.presignUpload) throw new Refusal('not-configured', 'uploads are not configured');
  const parsed = UploadRequest.safeParse(body);
  if (!parsed.success) throw new Refusal('invalid', 'send { jurisdiction, submissionType, files: [{ name, size }] }');
  const req = parsed.data;
  if (who.jurisdiction !== req.jurisdiction) throw new Refusal('forbidden', `not allowed to upload to ${req.jurisdiction}`);
  const problems = problemsOf(req.files);
  if (problems.length > 0) throw new Refusal('invalid', problems.join('；'), { problems });
  const packet = `web-${deps.clock.now().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  const metadata = { [META_PACKET_FILES]: String(req.files.length), [META_SUBMISSION_TYPE]: req.submissionType };
  const uploads = await Promise.all(
    req.files.map(async (f) => {
      const key = `${INCOMING_PREFIX}${req.jurisdiction}/${who.institution}/${packet}/${f.name}`;
      return { file: f.name, key, ...(await deps.presignUpload!(key, { maxBytes: UPLOAD_TYPES[extensionOf(f.name)]!, metadata })) };
    }),
  );
  return { packet, uploads };
}
