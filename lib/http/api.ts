// The console's API, independent of how it is served (API Gateway + Lambda on AWS, node:http locally):
// a table of routes, each a few lines that call a use case in lib/cases. Who may see what is the use
// cases' and lib/cases/access.ts's to say; refusals become statuses in lib/http/errors.ts.
import { chinaDate } from '../calendar/index.ts';
import { mayManage, mayOpen, visibleJurisdictions, type Principal, type UserDirectory } from '../cases/access.ts';
import { NO_SUCH_CASE, Refusal } from '../cases/errors.ts';
import { LEDGER_MAX_CASES, ledgerCsv, ledgerOf, ledgerTotals, ledgerXlsx } from '../cases/ledger.ts';
import { isCurrentPdf } from '../cases/notice.ts';
import type { CaseStore, Clock, ObjectStore } from '../cases/ports.ts';
import { importRegistry, onTheRegistry, parseRegistry, RegistryFileError, registryEntry, registryTable } from '../cases/registry.ts';
import { classFile, UnknownClassError } from '../cases/class-file.ts';
import { classDossier } from '../cases/dossier.ts';
import { publicityNotice } from '../cases/publicity.ts';
import { readingNow } from '../cases/reading.ts';
import { mayUnmask, unmaskedCase } from '../cases/personal-data.ts';
import { readCase } from '../cases/records.ts';
import { correctField, decideCase, mayReview, reviewQueue, signOff, type ReviewDeps } from '../cases/review.ts';
import { closeRectification, recordInspection } from '../cases/inspection.ts';
import { recordComplaint } from '../cases/complaint.ts';
import { INSPECTION_FINDINGS } from '../domain/inspection.ts';
import { planUpload, type PresignUpload } from '../cases/uploads.ts';
import { sha256Of, verifyByCode, verifyCopy } from '../cases/verify.ts';
import { Jurisdiction, type CaseRecord } from '../domain/schemas.ts';
import { REVIEW_THRESHOLD } from '../extract/fields.ts';
import type { PageImage } from '../cases/pages.ts';
import { disclosedCase } from '../identity/disclosure.ts';
import { STATUS_OF } from './errors.ts';

export { UPLOAD_TYPES } from '../cases/uploads.ts';

export interface ApiDeps {
  cases: CaseStore;
  clock: Clock;
  presign(bucket: string, key: string): Promise<string>;
  /** A presigned POST for one upload into the intake bucket (the console's upload goes straight to S3). */
  presignUpload?: PresignUpload;
  /** The console's users, for a bureau user to disable and reset (absent: managed elsewhere). */
  users?: UserDirectory;
  /** What reviewers' corrections and decisions need (re-judging, re-issuing); absent: the case is read-only. */
  review?: ReviewDeps;
  /** Page n of a case as an image in the fields' pixel space (lib/cases/pages.ts). */
  pageImage?(c: CaseRecord, page: number): Promise<{ png: Uint8Array; width: number; height: number } | null>;
  /** A small WebP of the page, made once and kept (the console shows it first; ?size=full the page itself). */
  pagePreview?(c: CaseRecord, page: number): Promise<PageImage | null>;
  /** The uploads and issued PDFs, for a class's dossier. */
  objects?: Pick<ObjectStore, 'get'>;
}

/** The largest registry file the console takes (2,000 institutions in CSV are about 200 KB). */
export const REGISTRY_MAX_BYTES = 10 * 1024 * 1024;

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  /** The request body (POST /api/verify: the PDF whose authenticity is asked). */
  body?: Uint8Array;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A file rather than JSON (the ledger as CSV or xlsx); headers carry its content type. */
  raw?: Uint8Array;
}

/** The largest PDF the public verify endpoint takes (a notice is under 150 KB; a stamped packet may be large). */
export const VERIFY_MAX_BYTES = 45 * 1024 * 1024;
/** How long a reviewer's download link lives. */
export const PRESIGN_SECONDS = 300;

const json = (status: number, body: unknown): ApiResponse => ({ status, body });
const file = (type: string, name: string, raw: Uint8Array, headers: Record<string, string> = {}): ApiResponse => ({
  status: 200, headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, ...headers }, raw,
});

interface Call {
  req: ApiRequest;
  deps: ApiDeps;
  /** Signed in: every route but the public ones has one. */
  who: Principal;
  /** The path's captured parts (a case id, a page number), decoded. */
  params: string[];
}

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  /** Answered without sign-in (verification: anyone holding a notice may check it). */
  public?: boolean;
  handle(call: Call): Promise<ApiResponse>;
}

function jsonBody(req: ApiRequest): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(req.body ?? new Uint8Array()));
  } catch {
    return undefined;
  }
}

/** What a reviewer's or the bureau's write needs: review configured, and a JSON body. */
function reviewRequest({ req, deps }: Call): { review: ReviewDeps; body: unknown } {
  if (!deps.review) throw new Refusal('not-configured', 'review is not configured');
  const body = jsonBody(req);
  if (body === undefined) throw new Refusal('invalid', 'send a JSON body');
  return { review: deps.review, body };
}

/** A jurisdiction asked for in the query, checked against what the principal may see; undefined: all they may. */
function askedJurisdictions(who: Principal, asked: string | undefined, what: string): Jurisdiction[] {
  const allowed = visibleJurisdictions(who);
  if (asked === undefined) return allowed;
  const j = Jurisdiction.safeParse(asked);
  if (!j.success) throw new Refusal('invalid', `unknown jurisdiction ${asked}`);
  if (!allowed.includes(j.data)) throw new Refusal('forbidden', `not allowed to see ${what} of ${j.data}`);
  return [j.data];
}

/** A case the principal may open (404 alike for one that does not exist and one that is not theirs, so that ids cannot be probed). */
async function openCase(call: Call): Promise<CaseRecord> {
  const c = await readCase(call.deps.cases, call.params[0]!);
  if (!c || !mayOpen(call.who, c)) throw new Refusal('not-found', NO_SUCH_CASE);
  return c;
}

const ROUTES: Route[] = [
  {
    method: 'GET', path: /^\/api\/verify\/([0-9A-Z]{10})\/?$/, public: true,
    async handle({ deps, params }) {
      const v = await verifyByCode(deps.cases, params[0]!);
      if (!v) return json(404, { authentic: false, error: 'no notice was issued with this code' });
      const { key: _key, ...answer } = v;
      return json(200, answer);
    },
  },
  {
    method: 'POST', path: /^\/api\/verify\/?$/, public: true,
    async handle({ req, deps }) {
      if (!req.body || req.body.byteLength === 0) return json(400, { authentic: false, error: 'send the PDF as the request body' });
      if (req.body.byteLength > VERIFY_MAX_BYTES) return json(413, { authentic: false, error: `larger than ${VERIFY_MAX_BYTES} bytes` });
      const v = await verifyCopy(deps.cases, req.body);
      if (!v) return json(404, { authentic: false, sha256: sha256Of(req.body), error: 'no PDF with this content was issued' });
      const { key: _key, ...answer } = v;
      return json(200, answer);
    },
  },
  { method: 'GET', path: /^\/api\/me\/?$/, handle: async ({ who }) => json(200, { user: who }) },
  {
    method: 'GET', path: /^\/api\/cases\/?$/,
    async handle({ req, deps, who }) {
      const jurisdictions = askedJurisdictions(who, req.query.jurisdiction, 'cases');
      const lists = await Promise.all(jurisdictions.map((jurisdiction) => deps.cases.listCases({ jurisdiction, limit: 200 })));
      // The reviewer's queue: by status, submission type, institution and date as well (China dates, inclusive).
      const q = req.query;
      const cases = lists
        .flat()
        .filter((c) => mayOpen(who, c))
        .filter((c) => !q.status || c.status === q.status || c.outcome === q.status)
        .filter((c) => !q.submissionType || c.submissionType === q.submissionType)
        .filter((c) => !q.institution || c.institution === q.institution || (c.institutionName ?? '').includes(q.institution))
        // One box for the clerk: institution, class code or a trainee's name.
        .filter((c) => !q.q || (c.search ?? '').includes(q.q.trim().toLowerCase()))
        .filter((c) => !q.from || chinaDate(c.createdAt) >= q.from)
        .filter((c) => !q.to || chinaDate(c.createdAt) <= q.to)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(({ search: _s, ...c }) => c);
      // Packets still being read have no case yet: shown apart, with their progress (not filtered: there is little to filter).
      const reading = await readingNow(deps.cases, who, jurisdictions, deps.clock);
      return json(200, { cases, reading });
    },
  },
  {
    method: 'POST', path: /^\/api\/uploads\/?$/,
    handle: async ({ req, deps, who }) => json(200, await planUpload(who, jsonBody(req), deps)),
  },
  {
    method: 'GET', path: /^\/api\/ledger\/?$/,
    async handle({ req, deps, who }) {
      // The 台账 of what the principal may see: a bureau or reviewer their cities, an institution its own classes.
      const jurisdictions = askedJurisdictions(who, req.query.jurisdiction, 'the ledger');
      const format = req.query.format ?? 'json';
      if (!['json', 'csv', 'xlsx'].includes(format)) throw new Refusal('invalid', 'format is json, csv or xlsx');
      const rows = await ledgerOf(deps.cases, jurisdictions, who);
      const name = `intake-ledger-${req.query.jurisdiction ?? 'all'}`;
      if (format === 'csv') return file('text/csv; charset=utf-8', `${name}.csv`, new TextEncoder().encode(ledgerCsv(rows)));
      if (format === 'xlsx') return file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${name}.xlsx`, await ledgerXlsx(rows));
      return json(200, { rows, totals: ledgerTotals(rows), ...(rows.length >= LEDGER_MAX_CASES ? { truncated: true } : {}) });
    },
  },
  {
    method: 'GET', path: /^\/api\/publicity\/?$/,
    async handle({ req, deps, who }) {
      // The 公示 list of a city's accepted claims, ready to publish: the bureau's and its reviewers' to download.
      const j = Jurisdiction.safeParse(req.query.jurisdiction);
      if (!j.success) throw new Refusal('invalid', 'jurisdiction is required: shaoxing, zibo, liaocheng, heze or qidong');
      if (who.role === 'institution' || !who.jurisdictions.includes(j.data)) throw new Refusal('forbidden', `not allowed to publish for ${j.data}`);
      if (req.query.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(req.query.since)) throw new Refusal('invalid', 'since takes a date, YYYY-MM-DD');
      const date = chinaDate(deps.clock.now());
      const p = await publicityNotice(deps.cases, j.data, { date, ...(req.query.since ? { since: req.query.since } : {}) });
      return file('application/pdf', `intake-publicity-${j.data}-${date}.pdf`, p.pdf, { 'x-publicity-trainees': String(p.rows.length) });
    },
  },
  {
    method: 'GET', path: /^\/api\/institutions\/?$/,
    async handle({ req, deps, who }) {
      // The registry as the bureau keeps it (CONTRACT: intake institutions list): bureaus and reviewers of the city.
      if (who.role === 'institution') throw new Refusal('forbidden', 'the registry is the bureau\'s');
      const jurisdictions = askedJurisdictions(who, req.query.jurisdiction, 'the registry');
      const lists = await Promise.all(jurisdictions.map((j) => deps.cases.listInstitutions(j)));
      return json(200, { institutions: lists.flat().filter(onTheRegistry).map((i) => registryEntry(i.institutionKey, i.standing, i.ledger)) });
    },
  },
  {
    method: 'POST', path: /^\/api\/institutions\/import\/?$/,
    async handle({ req, deps, who }) {
      // The console's upload of the bureau's registry file: the same checks and writes as `intake institutions import`.
      const j = Jurisdiction.safeParse(req.query.jurisdiction);
      if (!j.success) throw new Refusal('invalid', 'jurisdiction is required');
      if (who.role !== 'bureau' || !who.jurisdictions.includes(j.data)) throw new Refusal('forbidden', `only the bureau of ${j.data} imports its registry`);
      const name = req.query.file ?? 'registry.csv';
      if (!req.body || req.body.byteLength === 0) throw new Refusal('invalid', 'send the registry file (.csv or .xlsx) as the request body');
      if (req.body.byteLength > REGISTRY_MAX_BYTES) throw new Refusal('invalid', `a registry file is at most ${REGISTRY_MAX_BYTES} bytes`);
      try {
        const rows = parseRegistry(await registryTable(req.body, name));
        return json(200, await importRegistry(deps.cases, j.data, rows, `bureau:${who.user}`, deps.clock.now()));
      } catch (e) {
        if (e instanceof RegistryFileError) throw new Refusal('invalid', e.message, { problems: e.problems });
        throw e;
      }
    },
  },
  {
    method: 'GET', path: /^\/api\/classes\/([^/]+)\/([^/]+)\/([^/]+?)(\/dossier)?\/?$/,
    async handle({ deps, who, params }) {
      // One class's file (一班一档): an institution its own classes, a bureau or reviewer those of their cities.
      const [jurisdiction, institution, code, dossier] = params as [string, string, string, string | undefined];
      const j = Jurisdiction.safeParse(jurisdiction);
      if (!j.success || !mayOpen(who, { jurisdiction: j.data, institution })) throw new Refusal('not-found', 'no such class, or not yours to open');
      try {
        if (!dossier) return json(200, { class: await classFile(deps.cases, j.data, institution, code) });
        if (!deps.objects) throw new Refusal('not-configured', 'dossiers are not configured');
        const d = await classDossier(deps.cases, deps.objects, { jurisdiction: j.data, institution, classCode: code }, chinaDate(deps.clock.now()));
        return file('application/zip', `class-${code.replace(/[^\w.-]/g, '_')}.zip`, d.zip);
      } catch (e) {
        if (e instanceof UnknownClassError) throw new Refusal('not-found', e.message);
        throw e;
      }
    },
  },
  {
    method: 'GET', path: /^\/api\/cases\/([^/]+)\/?$/,
    async handle(call) {
      const c = await openCase(call);
      const audit = await call.deps.cases.auditTrail(c.caseId);
      const pdfs = c.pdfs.map((p, index) => ({ index, kind: p.kind, title: p.title, revision: p.revision ?? 1, current: isCurrentPdf(c.pdfs, p.key) }));
      // The console marks for review what the server would: below this confidence, or with a review note.
      return json(200, {
        case: disclosedCase(c), audit, pdfs, reviewable: mayReview(call.who, c) && call.deps.review !== undefined, unmaskable: mayUnmask(call.who, c), reviewThreshold: REVIEW_THRESHOLD,
      });
    },
  },
  {
    // The case with whole ID numbers and phones, for a reviewer or the bureau, each view in the audit trail.
    method: 'POST', path: /^\/api\/cases\/([^/]+)\/unmask\/?$/,
    async handle({ req, deps, who, params }) {
      return json(200, { case: await unmaskedCase(deps, who, params[0]!, jsonBody(req) ?? {}) });
    },
  },
  {
    // A bureau user's own users: its cities' institutions and reviewers, without passwords.
    method: 'GET', path: /^\/api\/users\/?$/,
    async handle({ deps, who }) {
      if (!deps.users) throw new Refusal('not-configured', 'users are managed elsewhere (Cognito)');
      if (who.role !== 'bureau') throw new Refusal('forbidden', 'only a bureau user manages users');
      return json(200, { users: (await deps.users.list()).filter((u) => mayManage(who, u)) });
    },
  },
  {
    method: 'POST', path: /^\/api\/users\/([^/]+)\/(disable|enable|reset-password)\/?$/,
    async handle({ deps, who, params }) {
      if (!deps.users) throw new Refusal('not-configured', 'users are managed elsewhere (Cognito)');
      const name = params[0]!; // decoded once already (a second decode throws on a literal %)
      const u = (await deps.users.list()).find((x) => x.name === name);
      // 403 whether or not the user exists elsewhere, so that names cannot be probed.
      if (!u || !mayManage(who, u)) throw new Refusal('forbidden', 'not a user you manage');
      if (params[1] === 'reset-password') return json(200, { user: name, password: await deps.users.resetPassword(name) });
      await deps.users.setDisabled(name, params[1] === 'disable');
      return json(200, { user: name, disabled: params[1] === 'disable' });
    },
  },
  {
    // What an inspection can find, in the seeds' words (the console's inspection form lists them).
    method: 'GET', path: /^\/api\/inspections\/kinds\/?$/,
    handle: async () => json(200, { kinds: Object.entries(INSPECTION_FINDINGS).map(([kind, words]) => ({ kind, words })) }),
  },
  // The bureau's own records (issue 21): an inspection, judged like a packet and answered by the notice its city
  // prescribes; a complaint, whose complainant stays confidential. The same record sent again is the same case.
  ...([['inspections', recordInspection], ['complaints', recordComplaint]] as const).map(([path, record]): Route => ({
    method: 'POST', path: new RegExp(`^/api/${path}/?$`),
    async handle(call) {
      const { review, body } = reviewRequest(call);
      const r = await record(review, call.who, body);
      return json(r.created ? 201 : 200, { case: disclosedCase(r.case), created: r.created });
    },
  })),
  {
    // The bureau closes the rectification an inspection opened, with what was done and its evidence.
    method: 'POST', path: /^\/api\/inspections\/([^/]+)\/close\/?$/,
    async handle(call) {
      const { review, body } = reviewRequest(call);
      return json(200, { closure: await closeRectification(review, call.who, call.params[0]!, body) });
    },
  },
  {
    // The reviewer's queue: held cases, the longest-waiting first, with why each waits.
    method: 'GET', path: /^\/api\/review-queue\/?$/,
    async handle({ req, deps, who }) {
      if (!deps.review) throw new Refusal('not-configured', 'review is not configured');
      const jurisdiction = req.query.jurisdiction ? askedJurisdictions(who, req.query.jurisdiction, 'cases')[0] : undefined;
      return json(200, { queue: await reviewQueue(deps.review, who, jurisdiction) });
    },
  },
  ...(['corrections', 'decision', 'sign-off'] as const).map((action): Route => ({
    method: 'POST', path: new RegExp(`^/api/cases/([^/]+)/${action}/?$`),
    async handle(call) {
      const { review, body } = reviewRequest(call);
      const c = await { corrections: correctField, decision: decideCase, 'sign-off': signOff }[action](review, call.who, call.params[0]!, body);
      return json(200, { case: disclosedCase(c) });
    },
  })),
  {
    method: 'GET', path: /^\/api\/cases\/([^/]+)\/pages\/([^/]+?)\/?$/,
    async handle(call) {
      const c = await openCase(call);
      const n = Number(call.params[1]!.replace(/\.png$/, ''));
      if (!Number.isInteger(n) || n < 1 || n > c.pageCount) throw new Refusal('not-found', `the case has pages 1 to ${c.pageCount}`);
      const headers = (type: string, w: number, h: number) => ({ 'content-type': type, 'cache-control': 'private, max-age=300', 'x-page-width': String(w), 'x-page-height': String(h) });
      if (call.req.query.size !== 'full' && call.deps.pagePreview) {
        const preview = await call.deps.pagePreview(c, n);
        if (preview) return { status: 200, headers: headers(preview.contentType, preview.width, preview.height), raw: preview.bytes };
      }
      const img = call.deps.pageImage ? await call.deps.pageImage(c, n) : null;
      if (!img) throw new Refusal('not-found', 'the page cannot be shown');
      return { status: 200, headers: headers('image/png', img.width, img.height), raw: img.png };
    },
  },
  {
    method: 'GET', path: /^\/api\/cases\/([^/]+)\/pdfs\/([^/]+?)\/?$/,
    async handle({ req, deps, who, params }) {
      const c = await openCase({ req, deps, who, params });
      const pdf = c.pdfs[Number(params[1])];
      if (!pdf) throw new Refusal('not-found', 'no such PDF');
      const url = await deps.presign(pdf.bucket, pdf.key);
      // ?redirect=0: the URL itself, for a page that signs its API calls with a token a redirect would not carry.
      if (req.query.redirect === '0') return json(200, { url, title: pdf.title });
      return { status: 302, headers: { location: url } };
    },
  },
];

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The route table as data (method, path pattern, public or not): the access property test covers every entry. */
export const API_ROUTES: readonly { method: string; path: RegExp; public: boolean }[] = ROUTES.map((r) => ({ method: r.method, path: r.path, public: r.public === true }));

/**
 * The API for one signed-in principal (null: not signed in → 401). A case or class a role may not see is
 * answered 404 as one that does not exist, so that ids cannot be probed; what a role may not do, 403.
 */
export async function handleApi(req: ApiRequest, deps: ApiDeps, who: Principal | null): Promise<ApiResponse> {
  const matching = ROUTES.map((route) => ({ route, m: route.path.exec(req.path) })).filter((x) => x.m !== null);
  const hit = matching.find((x) => x.route.method === req.method);
  if (!hit?.route.public && !who) return { status: 401, headers: { 'www-authenticate': 'Basic realm="intake", charset="UTF-8"' }, body: { error: 'sign in first' } };
  if (!hit) return matching.length > 0 || req.method !== 'GET' ? json(405, { error: 'method not allowed' }) : json(404, { error: 'not found' });
  const params = hit.m!.slice(1).map((p) => (p === undefined ? '' : decode(p)));
  if (params.some((p) => p === null)) return json(400, { error: 'the path is not well encoded' });
  try {
    return await hit.route.handle({ req, deps, who: who!, params: params as string[] });
  } catch (e) {
    if (e instanceof Refusal) return json(STATUS_OF[e.kind], { error: e.message, ...e.detail });
    throw e;
  }
}
