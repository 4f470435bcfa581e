import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { INCOMING_PREFIX, MAX_FILE_BYTES, META_PACKET_FILES, META_SUBMISSION_TYPE } from '../config.ts';
import { ledgerCsv, ledgerRows, ledgerTotals, ledgerXlsx } from '../cases/ledger.ts';
import { publicityNotice } from '../cases/publicity.ts';
// The console's API, independent of how it is served (API Gateway + Lambda on AWS, node:http locally).
import { mayOpen, visibleJurisdictions, type Principal } from '../cases/access.ts';
import { Jurisdiction, SubmissionType } from '../domain/schemas.ts';
import type { CaseStore } from '../cases/ports.ts';
import { maskIdNumber, maskPhone } from '../identity/disclosure.ts';
import type { CaseRecord } from '../domain/schemas.ts';
import { correctField, decideCase, mayReview, ReviewError, type ReviewDeps } from '../cases/review.ts';
import { isCurrentPdf } from '../cases/notice.ts';

export interface ApiDeps {
  cases: CaseStore;
  presign(bucket: string, key: string): Promise<string>;
  /** A presigned POST for one upload into the intake bucket (the console's upload goes straight to S3). */
  presignUpload?(key: string, o: { maxBytes: number; metadata: Record<string, string> }): Promise<{ url: string; fields: Record<string, string> }>;
  /** What reviewers' corrections and decisions need (re-judging, re-issuing); absent: the case is read-only. */
  review?: ReviewDeps;
  /** Page n of a case as an image in the fields' pixel space (lib/pages.ts). */
  pageImage?(c: CaseRecord, page: number): Promise<{ png: Uint8Array; width: number; height: number } | null>;
}

/** What the console lets an institution upload, and how large (documents as the pipeline reads them; lesson videos). */
export const UPLOAD_TYPES: Record<string, number> = {
  pdf: MAX_FILE_BYTES, jpg: MAX_FILE_BYTES, jpeg: MAX_FILE_BYTES, png: MAX_FILE_BYTES, tif: MAX_FILE_BYTES, tiff: MAX_FILE_BYTES,
  mp4: 2 * 1024 ** 3, mov: 2 * 1024 ** 3,
};

const UploadRequest = z.object({
  jurisdiction: Jurisdiction,
  submissionType: SubmissionType,
  files: z.array(z.object({ name: z.string().min(1).max(200), size: z.number().int().nonnegative() })).min(1).max(100),
});

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  /** The request body (POST /api/verify: the PDF whose authenticity is asked). */
  body?: Uint8Array;
}

/** The largest PDF the public verify endpoint takes (a notice is under 150 KB; a stamped packet may be large). */
export const VERIFY_MAX_BYTES = 45 * 1024 * 1024;

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A file rather than JSON (the ledger as CSV or xlsx); headers carry its content type. */
  raw?: Uint8Array;
}

const json = (status: number, body: unknown): ApiResponse => ({ status, body });

/** When a PDF was issued: its revision's time (the first revision's is the case's). */
function issuedAt(c: CaseRecord, pdf: CaseRecord['pdfs'][number]): string {
  const rev = pdf.revision ?? 1;
  return (rev > 1 ? [...(c.corrections ?? []), ...(c.decision ? [c.decision] : [])].find((x) => x.revision === rev)?.at : undefined) ?? c.createdAt;
}

/** What the console shows of a case: ID numbers and phones masked (Heze 第二十七条: 隐藏部分位数). */
export function publicCase(c: CaseRecord): CaseRecord {
  const documents = c.documents.map((d) => ({
    ...d,
    fields: Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, maskField(k, f)])),
    tables: d.tables
      ? Object.fromEntries(Object.entries(d.tables).map(([t, rows]) => [t, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, f]) => [k, maskField(k, f)])))]))
      : undefined,
  }));
  return { ...c, documents };
}

function maskField<T extends { value: unknown }>(key: string, f: T): T {
  if (typeof f.value !== 'string') return f;
  if (/idNumber/i.test(key)) return { ...f, value: maskIdNumber(f.value) };
  if (/phone/i.test(key)) return { ...f, value: maskPhone(f.value) };
  return f;
}

/** How long a reviewer's download link lives. */
export const PRESIGN_SECONDS = 300;

/**
 * The API for one signed-in principal (null: not signed in → 401). What a role may not see is refused
 * with 403, whether or not the case exists, so that ids cannot be probed.
 */
export async function handleApi(req: ApiRequest, deps: ApiDeps, who: Principal | null): Promise<ApiResponse> {
  // Anyone holding a notice may check it by the code printed on it (and in its QR code); the answer
  // names the notice, never the case's contents.
  const verify = /^\/api\/verify\/([0-9A-Z]{10})\/?$/.exec(req.path);
  if (req.method === 'GET' && verify) {
    const hit = await deps.cases.findPdfByCode(verify[1]!);
    const c = hit ? await deps.cases.getCase(hit.caseId) : null;
    const pdf = c?.pdfs.find((p) => p.key === hit!.key);
    if (!c || !pdf) return json(404, { authentic: false, error: 'no notice was issued with this code' });
    return json(200, { authentic: true, current: isCurrentPdf(c.pdfs, pdf.key), caseNumber: c.caseNumber, jurisdiction: c.jurisdiction, title: pdf.title, sha256: pdf.sha256, issuedAt: issuedAt(c, pdf) });
  }
  // Or by the copy itself: its SHA-256 is on the case if the system issued it (notices, stamped packets,
  // agreements, tables alike).
  if (req.method === 'POST' && /^\/api\/verify\/?$/.test(req.path)) {
    if (!req.body || req.body.byteLength === 0) return json(400, { authentic: false, error: 'send the PDF as the request body' });
    if (req.body.byteLength > VERIFY_MAX_BYTES) return json(413, { authentic: false, error: `larger than ${VERIFY_MAX_BYTES} bytes` });
    const sha256 = createHash('sha256').update(req.body).digest('hex');
    const hit = await deps.cases.findPdfByHash(sha256);
    const c = hit ? await deps.cases.getCase(hit.caseId) : null;
    const pdf = c?.pdfs.find((p) => p.key === hit!.key);
    if (!c || !pdf) return json(404, { authentic: false, sha256, error: 'no PDF with this content was issued' });
    return json(200, { authentic: true, current: isCurrentPdf(c.pdfs, pdf.key), caseNumber: c.caseNumber, jurisdiction: c.jurisdiction, title: pdf.title, sha256, issuedAt: issuedAt(c, pdf) });
  }
  if (!who) return { status: 401, headers: { 'www-authenticate': 'Basic realm="intake", charset="UTF-8"' }, body: { error: 'sign in first' } };
  const posts = /^\/api\/(uploads|cases\/[^/]+\/(corrections|decision))\/?$/;
  if (req.method !== 'GET' && !(req.method === 'POST' && posts.test(req.path))) return json(405, { error: 'method not allowed' });
  const parts = req.path.replace(/^\/+|\/+$/g, '').split('/');
  if (parts[0] !== 'api') return json(404, { error: 'not found' });
  if (parts[1] === 'me' && parts.length === 2) return json(200, { user: who });
  if (parts[1] === 'cases' && parts.length === 2) {
    const j = req.query.jurisdiction ? Jurisdiction.safeParse(req.query.jurisdiction) : undefined;
    if (j && !j.success) return json(400, { error: `unknown jurisdiction ${req.query.jurisdiction}` });
    const allowed = visibleJurisdictions(who);
    if (j?.data && !allowed.includes(j.data)) return json(403, { error: `not allowed to see cases of ${j.data}` });
    const lists = await Promise.all((j?.data ? [j.data] : allowed).map((jurisdiction) => deps.cases.listCases({ jurisdiction, limit: 200 })));
    // The reviewer's queue: by status, submission type, institution and date as well (China dates, inclusive).
    const q = req.query;
    const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const cases = lists
      .flat()
      .filter((c) => mayOpen(who, c))
      .filter((c) => !q.status || c.status === q.status || c.outcome === q.status)
      .filter((c) => !q.submissionType || c.submissionType === q.submissionType)
      .filter((c) => !q.institution || c.institution === q.institution || (c.institutionName ?? '').includes(q.institution))
      .filter((c) => !q.from || day(c.createdAt) >= q.from)
      .filter((c) => !q.to || day(c.createdAt) <= q.to)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return json(200, { cases });
  }
  if (req.method === 'POST' && parts[1] === 'uploads' && parts.length === 2) {
    // An institution's clerk uploads a packet: each file gets its own presigned POST under the institution's
    // prefix, with the packet's size and type checked here first so the page can say what is wrong at once.
    if (who.role !== 'institution' || !who.institution) return json(403, { error: 'only an institution uploads packets' });
    if (!deps.presignUpload) return json(501, { error: 'uploads are not configured' });
    let parsed: z.infer<typeof UploadRequest>;
    try {
      parsed = UploadRequest.parse(JSON.parse(new TextDecoder().decode(req.body ?? new Uint8Array())));
    } catch {
      return json(400, { error: 'send { jurisdiction, submissionType, files: [{ name, size }] }' });
    }
    if (who.jurisdiction !== parsed.jurisdiction) return json(403, { error: `not allowed to upload to ${parsed.jurisdiction}` });
    const problems: string[] = [];
    for (const f of parsed.files) {
      const ext = f.name.split('.').pop()?.toLowerCase() ?? '';
      const max = UPLOAD_TYPES[ext];
      if (/[\/\\]|^\.\.?$/.test(f.name)) problems.push(`${f.name}: a file name may not contain / or \\`);
      else if (max === undefined) problems.push(`${f.name}: 不支持的文件类型（可上传 PDF、JPG、PNG、TIFF，课程视频 MP4、MOV）`);
      else if (f.size === 0) problems.push(`${f.name}: 文件为空`);
      else if (f.size > max) problems.push(`${f.name}: ${(f.size / 1048576).toFixed(0)} MB，超过 ${max / 1048576} MB`);
    }
    if (new Set(parsed.files.map((f) => f.name)).size !== parsed.files.length) problems.push('同一材料包内文件名重复');
    if (problems.length > 0) return json(400, { error: problems.join('；'), problems });
    const packet = `web-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
    const metadata = { [META_PACKET_FILES]: String(parsed.files.length), [META_SUBMISSION_TYPE]: parsed.submissionType };
    const uploads = await Promise.all(
      parsed.files.map(async (f) => {
        const key = `${INCOMING_PREFIX}${parsed.jurisdiction}/${who.institution}/${packet}/${f.name}`;
        const ext = f.name.split('.').pop()!.toLowerCase();
        return { file: f.name, key, ...(await deps.presignUpload!(key, { maxBytes: UPLOAD_TYPES[ext]!, metadata })) };
      }),
    );
    return json(200, { packet, uploads });
  }
  if (parts[1] === 'ledger' && parts.length === 2) {
    // The 台账 of what the principal may see: a bureau or reviewer their cities, an institution its own classes.
    const j = req.query.jurisdiction ? Jurisdiction.safeParse(req.query.jurisdiction) : undefined;
    if (j && !j.success) return json(400, { error: `unknown jurisdiction ${req.query.jurisdiction}` });
    const allowed = visibleJurisdictions(who);
    if (j?.data && !allowed.includes(j.data)) return json(403, { error: `not allowed to see the ledger of ${j.data}` });
    const format = req.query.format ?? 'json';
    if (!['json', 'csv', 'xlsx'].includes(format)) return json(400, { error: 'format is json, csv or xlsx' });
    const summaries = (await Promise.all((j?.data ? [j.data] : allowed).map((jurisdiction) => deps.cases.listCases({ jurisdiction, limit: 2000 })))).flat().filter((c) => mayOpen(who, c));
    const records = (await Promise.all(summaries.map((c) => deps.cases.getCase(c.caseId)))).filter((c): c is CaseRecord => c !== null);
    const rows = ledgerRows(records);
    const name = `intake-ledger-${j?.data ?? 'all'}`;
    if (format === 'csv') return { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` }, raw: new TextEncoder().encode(ledgerCsv(rows)) };
    if (format === 'xlsx') return { status: 200, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${name}.xlsx"` }, raw: await ledgerXlsx(rows) };
    return json(200, { rows, totals: ledgerTotals(rows) });
  }
  if (parts[1] === 'publicity' && parts.length === 2) {
    // The 公示 list of a city's accepted claims, ready to publish: the bureau's and its reviewers' to download.
    const j = Jurisdiction.safeParse(req.query.jurisdiction);
    if (!j.success) return json(400, { error: 'jurisdiction is required: shaoxing, zibo, liaocheng, heze or qidong' });
    if (who.role === 'institution' || !who.jurisdictions.includes(j.data)) return json(403, { error: `not allowed to publish for ${j.data}` });
    if (req.query.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(req.query.since)) return json(400, { error: 'since takes a date, YYYY-MM-DD' });
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const p = await publicityNotice(deps.cases, j.data, { date, ...(req.query.since ? { since: req.query.since } : {}) });
    return { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="intake-publicity-${j.data}-${date}.pdf"`, 'x-publicity-trainees': String(p.rows.length) }, raw: p.pdf };
  }
  if (parts[1] === 'cases' && parts[2] && parts.length === 3) {
    const c = await deps.cases.getCase(decodeURIComponent(parts[2]));
    if (!c || !mayOpen(who, c)) return json(c ? 403 : 404, { error: c ? 'not allowed to open this case' : 'no such case' });
    const audit = await deps.cases.auditTrail(c.caseId);
    const pdfs = c.pdfs.map((p, index) => ({ index, kind: p.kind, title: p.title, revision: p.revision ?? 1, current: isCurrentPdf(c.pdfs, p.key) }));
    return json(200, { case: publicCase(c), audit, pdfs, reviewable: mayReview(who, c) && deps.review !== undefined });
  }
  if (req.method === 'POST' && parts[1] === 'cases' && parts[2] && (parts[3] === 'corrections' || parts[3] === 'decision') && parts.length === 4) {
    if (!deps.review) return json(501, { error: 'review is not configured' });
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(req.body ?? new Uint8Array()));
    } catch {
      return json(400, { error: 'send a JSON body' });
    }
    try {
      const act = parts[3] === 'corrections' ? correctField : decideCase;
      const c = await act(deps.review, who, decodeURIComponent(parts[2]), body);
      return json(200, { case: publicCase(c) });
    } catch (e) {
      if (e instanceof ReviewError) return json(e.status, { error: e.message });
      throw e;
    }
  }
  if (parts[1] === 'cases' && parts[2] && parts[3] === 'pages' && parts[4] !== undefined && parts.length === 5) {
    const c = await deps.cases.getCase(decodeURIComponent(parts[2]));
    if (!c || !mayOpen(who, c)) return json(c ? 403 : 404, { error: c ? 'not allowed to open this case' : 'no such case' });
    const n = Number(parts[4].replace(/\.png$/, ''));
    if (!Number.isInteger(n) || n < 1 || n > c.pageCount) return json(404, { error: `the case has pages 1 to ${c.pageCount}` });
    const img = deps.pageImage ? await deps.pageImage(c, n) : null;
    if (!img) return json(404, { error: 'the page cannot be shown' });
    return { status: 200, headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=300', 'x-page-width': String(img.width), 'x-page-height': String(img.height) }, raw: img.png };
  }
  if (parts[1] === 'cases' && parts[2] && parts[3] === 'pdfs' && parts[4] !== undefined && parts.length === 5) {
    const c = await deps.cases.getCase(decodeURIComponent(parts[2]));
    if (c && !mayOpen(who, c)) return json(403, { error: 'not allowed to open this case' });
    const pdf = c?.pdfs[Number(parts[4])];
    if (!c || !pdf) return json(404, { error: 'no such PDF' });
    const url = await deps.presign(pdf.bucket, pdf.key);
    // ?redirect=0: the URL itself, for a page that signs its API calls with a token a redirect would not carry.
    if (req.query.redirect === '0') return json(200, { url, title: pdf.title });
    return { status: 302, headers: { location: url } };
  }
  return json(404, { error: 'not found' });
}
