// Every route of the console's API against every principal that must not reach a case (issue 20: "a
// property test over the API's routes, every role × every route × foreign ids, generated from the route
// table"). A route added to lib/http/api.ts without a sample here fails the first test, so none goes
// untested. Nobody foreign gets a 2xx on a case's route, or sees the case in a list; the answer for a
// foreign id is the answer for an id that does not exist; nobody signed out gets past 401.
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/cases/access.ts';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { CaseRecord } from '../../lib/domain/schemas.ts';
import { API_ROUTES, handleApi, type ApiDeps } from '../../lib/http/api.ts';
import { memoryUserDirectory } from '../../local/users.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const CASE = 'SX-2026-ROUTEACC01';
const MISSING = 'SX-2026-0000000000';
const SECRET_NAME = '绍兴市甲乙职业培训学校';

/** For each route: sample paths (with {case} for the case id) and a body. */
const SAMPLES: Record<string, { path: string; body?: unknown }[]> = {
  [/^\/api\/verify\/([0-9A-Z]{10})\/?$/.source]: [{ path: '/api/verify/0123456789' }],
  [/^\/api\/verify\/?$/.source]: [{ path: '/api/verify', body: '%PDF-1.7' }],
  [/^\/api\/me\/?$/.source]: [{ path: '/api/me' }],
  [/^\/api\/cases\/?$/.source]: [{ path: '/api/cases' }, { path: '/api/cases?q=甲乙' }],
  [/^\/api\/uploads\/?$/.source]: [{ path: '/api/uploads', body: { jurisdiction: 'shaoxing', submissionType: 'class-opening', files: [{ name: 'a.pdf', size: 10 }] } }],
  [/^\/api\/ledger\/?$/.source]: [{ path: '/api/ledger' }, { path: '/api/ledger?jurisdiction=shaoxing' }],
  [/^\/api\/publicity\/?$/.source]: [{ path: '/api/publicity?jurisdiction=shaoxing' }],
  [/^\/api\/institutions\/?$/.source]: [{ path: '/api/institutions' }],
  [/^\/api\/institutions\/import\/?$/.source]: [{ path: '/api/institutions/import?jurisdiction=shaoxing&file=r.csv', body: 'institution,name,status\ninst-a,甲,exited\n' }],
  [/^\/api\/classes\/([^/]+)\/([^/]+)\/([^/]+?)(\/dossier)?\/?$/.source]: [{ path: '/api/classes/shaoxing/inst-a/SX-C-1' }, { path: '/api/classes/shaoxing/inst-a/SX-C-1/dossier' }],
  [/^\/api\/cases\/([^/]+)\/?$/.source]: [{ path: '/api/cases/{case}' }],
  [/^\/api\/cases\/([^/]+)\/unmask\/?$/.source]: [{ path: '/api/cases/{case}/unmask', body: { reason: '核对' } }],
  [/^\/api\/users\/?$/.source]: [{ path: '/api/users' }],
  [/^\/api\/users\/([^/]+)\/(disable|enable|reset-password)\/?$/.source]: [{ path: '/api/users/clerk-a/disable' }, { path: '/api/users/clerk-a/reset-password' }],
  [/^\/api\/review-queue\/?$/.source]: [{ path: '/api/review-queue' }],
  [/^\/api\/complaints\/?$/.source]: [{ path: '/api/complaints', body: { jurisdiction: 'shaoxing', institution: 'inst-a', receivedDate: '2026-12-01', channel: '市民热线', summary: '收费不退' } }],
  [/^\/api\/inspections\/kinds\/?$/.source]: [{ path: '/api/inspections/kinds' }],
  [/^\/api\/inspections\/?$/.source]: [{ path: '/api/inspections', body: { jurisdiction: 'shaoxing', institution: 'inst-a', classCode: 'SX-C-1', date: '2026-12-01', inspectors: ['张'], findings: [{ kind: 'no-video' }] } }],
  [/^\/api\/inspections\/([^/]+)\/close\/?$/.source]: [{ path: '/api/inspections/{case}/close', body: { note: '已整改' } }],
  [new RegExp('^/api/cases/([^/]+)/corrections/?$').source]: [{ path: '/api/cases/{case}/corrections', body: { revision: 1, document: 0, field: 'className', value: 'x', reason: 'x' } }],
  [new RegExp('^/api/cases/([^/]+)/decision/?$').source]: [{ path: '/api/cases/{case}/decision', body: { revision: 1, outcome: 'accepted', reason: 'x' } }],
  [new RegExp('^/api/cases/([^/]+)/sign-off/?$').source]: [{ path: '/api/cases/{case}/sign-off', body: { revision: 1 } }],
  [/^\/api\/cases\/([^/]+)\/pages\/([^/]+?)\/?$/.source]: [{ path: '/api/cases/{case}/pages/1' }],
  [/^\/api\/cases\/([^/]+)\/pdfs\/([^/]+?)\/?$/.source]: [{ path: '/api/cases/{case}/pdfs/0' }],
};

const foreign: Principal[] = [
  { role: 'institution', user: 'clerk-b', jurisdiction: 'shaoxing', institution: 'inst-b' },
  { role: 'institution', user: 'clerk-zb', jurisdiction: 'zibo', institution: 'inst-a' },
  { role: 'reviewer', user: 'rev-zb', jurisdictions: ['zibo'] },
  { role: 'bureau', user: 'head-zb', jurisdictions: ['zibo', 'heze'] },
];

async function world() {
  const cases = new MemoryCaseStore();
  const objects = new MemoryObjectStore();
  await objects.put(LOCAL_NAMES.responsesBucket, `responses/shaoxing/${CASE}/acceptance.pdf`, new TextEncoder().encode('%PDF-1.7 notice'), 'application/pdf');
  const record = {
    caseId: CASE, caseNumber: CASE, jurisdiction: 'shaoxing', institution: 'inst-a', institutionName: SECRET_NAME, submissionType: 'class-opening',
    outcome: 'supplement-required', status: 'under-review', review: { since: '2026-12-06T02:00:00Z', reasons: ['x'] }, createdAt: '2026-12-06T02:00:00Z', pageCount: 1,
    uploads: [{ bucket: LOCAL_NAMES.intakeBucket, key: 'incoming/shaoxing/inst-a/p/a.pdf', etag: 'e' }], documents: [], findings: [],
    pdfs: [{ kind: 'acceptance', title: '受理通知书', bucket: LOCAL_NAMES.responsesBucket, key: `responses/shaoxing/${CASE}/acceptance.pdf`, sha256: 'a'.repeat(64), issuedAt: '2026-12-06T02:00:00Z' }],
  } as unknown as CaseRecord;
  await cases.createCase(record, []);
  const clock = { now: () => new Date('2026-12-07T02:00:00Z') };
  const users = memoryUserDirectory([{ name: 'clerk-a', password: 'x', role: 'institution', jurisdictions: ['shaoxing'], institution: 'inst-a' }]);
  const api: ApiDeps = {
    cases, clock, objects, users, presign: async (_b, k) => `https://s3.example/${k}`,
    presignUpload: async () => ({ url: 'https://s3.example/', fields: {} }),
    review: { cases, objects, names: LOCAL_NAMES, clock },
    pageImage: async () => ({ png: new Uint8Array([1]), width: 1, height: 1 }),
  };
  return { api, cases };
}

const call = (api: ApiDeps, who: Principal | null, method: string, path: string, body?: unknown) => {
  const u = new URL(path, 'http://x');
  return handleApi({ method, path: u.pathname, query: Object.fromEntries(u.searchParams), ...(body !== undefined ? { body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)) } : {}) }, api, who);
};

describe('every route × every foreign principal', () => {
  it('every route of the table has a sample here', () => {
    const missing = API_ROUTES.filter((r) => !SAMPLES[r.path.source]).map((r) => `${r.method} ${r.path.source}`);
    expect(missing).toEqual([]);
  });

  it('nobody signed out gets past 401 but on the public routes', async () => {
    const { api } = await world();
    for (const r of API_ROUTES) {
      for (const s of SAMPLES[r.path.source]!) {
        const res = await call(api, null, r.method, s.path.replace('{case}', CASE), s.body);
        if (r.public) expect(res.status, `${r.method} ${s.path}`).not.toBe(401);
        else expect(res.status, `${r.method} ${s.path}`).toBe(401);
      }
    }
  });

  it('no foreign principal gets a 2xx on the case, sees it in a list, or can tell it from a missing one', async () => {
    const { api, cases } = await world();
    for (const who of foreign) {
      for (const r of API_ROUTES.filter((x) => !x.public)) {
        for (const s of SAMPLES[r.path.source]!) {
          const label = `${who.user}: ${r.method} ${s.path}`;
          const res = await call(api, who, r.method, s.path.replace('{case}', CASE), s.body);
          const text = JSON.stringify(res.body ?? '') + (res.raw ? new TextDecoder().decode(res.raw) : '');
          expect(text, label).not.toContain(SECRET_NAME);
          expect(text, label).not.toContain(CASE);
          if (s.path.includes('{case}')) {
            expect(res.status, label).toBeGreaterThanOrEqual(400);
            const missing = await call(api, who, r.method, s.path.replace('{case}', MISSING), s.body);
            expect({ status: res.status, body: res.body }, label).toEqual({ status: missing.status, body: missing.body });
          }
        }
      }
    }
    // And nothing of the case changed.
    const c = (await cases.getCase(CASE))!;
    expect(c).toMatchObject({ outcome: 'supplement-required', status: 'under-review' });
    expect(c.corrections ?? []).toEqual([]);
    expect(await cases.auditTrail(CASE)).toEqual([]); // no foreign view of its numbers either
  });
});
