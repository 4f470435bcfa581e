// The console's API, independent of how it is served (API Gateway + Lambda on AWS, node:http locally).
import { Jurisdiction } from './domain/schemas.ts';
import type { CaseStore } from './pipeline/ports.ts';
import { maskIdNumber, maskPhone } from './identity/mask.ts';
import type { CaseRecord } from './domain/schemas.ts';

export interface ApiDeps {
  cases: CaseStore;
  presign(bucket: string, key: string): Promise<string>;
}

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const json = (status: number, body: unknown): ApiResponse => ({ status, body });

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

export async function handleApi(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  if (req.method !== 'GET') return json(405, { error: 'method not allowed' });
  const parts = req.path.replace(/^\/+|\/+$/g, '').split('/');
  if (parts[0] !== 'api') return json(404, { error: 'not found' });
  if (parts[1] === 'cases' && parts.length === 2) {
    const j = req.query.jurisdiction ? Jurisdiction.safeParse(req.query.jurisdiction) : undefined;
    if (j && !j.success) return json(400, { error: `unknown jurisdiction ${req.query.jurisdiction}` });
    const cases = await deps.cases.listCases({ jurisdiction: j?.data, limit: 200 });
    return json(200, { cases });
  }
  if (parts[1] === 'cases' && parts[2] && parts.length === 3) {
    const c = await deps.cases.getCase(decodeURIComponent(parts[2]));
    if (!c) return json(404, { error: 'no such case' });
    const audit = await deps.cases.auditTrail(c.caseId);
    return json(200, { case: publicCase(c), audit });
  }
  if (parts[1] === 'cases' && parts[2] && parts[3] === 'pdfs' && parts[4] !== undefined && parts.length === 5) {
    const c = await deps.cases.getCase(decodeURIComponent(parts[2]));
    const pdf = c?.pdfs[Number(parts[4])];
    if (!c || !pdf) return json(404, { error: 'no such PDF' });
    return { status: 302, headers: { location: await deps.presign(pdf.bucket, pdf.key) } };
  }
  return json(404, { error: 'not found' });
}
