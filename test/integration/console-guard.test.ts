// The console's server against another site's page (issue 20, 5): a cross-site POST carrying the
// browser's remembered Basic sign-in changes nothing (the attack was a text/plain form turning a 补正
// case into 受理); every page and answer carries a content security policy that lets no other site frame
// the console and runs no inline script but the verify page's own; API answers are never cached.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type LocalUser } from '../../lib/cases/access.ts';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { CaseRecord } from '../../lib/domain/schemas.ts';
import type { ApiDeps } from '../../lib/http/api.ts';
import { startConsole } from '../../local/server.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const cases = new MemoryCaseStore();
const objects = new MemoryObjectStore();
const clock = { now: () => new Date('2026-12-07T02:00:00Z') };
let console_: Awaited<ReturnType<typeof startConsole>>;
let auth: string;
const held: CaseRecord = {
  caseId: 'SX-2026-GUARD00001', caseNumber: 'SX-2026-GUARD00001', jurisdiction: 'shaoxing', institution: 'inst-sx', submissionType: 'class-opening',
  outcome: 'supplement-required', status: 'decided', createdAt: '2026-12-06T02:00:00Z', pageCount: 1, uploads: [], documents: [], findings: [], pdfs: [],
} as unknown as CaseRecord;

beforeAll(async () => {
  const users: LocalUser[] = [{ name: 'rev', password: await hashPassword('pw-pw-pw-pw'), role: 'reviewer', jurisdictions: ['shaoxing'] }];
  auth = `Basic ${Buffer.from('rev:pw-pw-pw-pw').toString('base64')}`;
  await cases.createCase(held, []);
  const api: ApiDeps = { cases, clock, presign: async (_b, k) => k, review: { cases, objects, names: LOCAL_NAMES, clock } };
  console_ = await startConsole({ port: 0, api, users: () => users, objectStoreOrigin: 'http://127.0.0.1:4569' });
});
afterAll(async () => console_?.close());

const decide = (headers: Record<string, string>) =>
  fetch(new URL('/api/cases/SX-2026-GUARD00001/decision', console_.url), { method: 'POST', headers: { authorization: auth, ...headers }, body: JSON.stringify({ outcome: 'accepted', reason: '伪造', revision: 1 }) });

describe('the console against other sites', () => {
  it("a cross-site POST with the browser's sign-in is refused and the case is unchanged", async () => {
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      { origin: 'null', 'content-type': 'text/plain' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' },
    ];
    for (const h of attempts) {
      const r = await decide(h);
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect((await r.json()).error).toMatch(/may not change anything/);
    }
    expect((await cases.getCase('SX-2026-GUARD00001'))!.outcome).toBe('supplement-required');
    expect(await cases.auditTrail('SX-2026-GUARD00001')).toEqual([]);
  });

  it('the console\'s own page (same origin) and a client that is no browser still decide', async () => {
    const own = new URL(console_.url).origin;
    const r = await decide({ origin: own, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
    expect(r.status, await r.clone().text()).toBe(200);
    expect((await cases.getCase('SX-2026-GUARD00001'))!.decision).toMatchObject({ outcome: 'accepted' });
  });

  it('pages and answers carry the policy; API answers are not cached; the verify page runs only its own script', async () => {
    const page = await fetch(new URL('/verify', console_.url));
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('connect-src \'self\' http://127.0.0.1:4569');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = readFileSync(new URL('../../web/verify.html', import.meta.url), 'utf8');
    const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).toBe(`script-src 'self' 'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(scriptSrc).not.toContain('unsafe-inline');
    const api = await fetch(new URL('/api/me', console_.url), { headers: { authorization: auth } });
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toBe(csp);
  });
});

describe('guessing passwords (issue 20, 8)', () => {
  it('after five wrong passwords a name is refused for a while, even with the right one; the failures are logged; another user is not affected', async () => {
    const { SignInThrottle } = await import('../../lib/cases/access.ts');
    let now = 1_000_000;
    const logged: Record<string, unknown>[] = [];
    const users: LocalUser[] = [
      { name: 'target', password: await hashPassword('right-password-1'), role: 'reviewer', jurisdictions: ['shaoxing'] },
      { name: 'bystander', password: await hashPassword('right-password-2'), role: 'reviewer', jurisdictions: ['shaoxing'] },
    ];
    const c = await startConsole({
      port: 0, api: { cases, clock, presign: async (_b, k) => k }, users: () => users,
      throttle: new SignInThrottle({ limit: 5, windowMs: 15 * 60_000, now: () => now }), log: (_m, d) => void logged.push(d ?? {}),
    });
    try {
      const me = (user: string, password: string) => fetch(new URL('/api/me', c.url), { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
      for (let i = 0; i < 5; i++) expect((await me('target', `guess-${i}`)).status).toBe(401);
      const locked = await me('target', 'right-password-1');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
      expect((await me('bystander', 'right-password-2')).status).toBe(200);
      expect(logged.filter((d) => d.user === 'target')).toHaveLength(5);
      now += 15 * 60_000 + 1;
      expect((await me('target', 'right-password-1')).status).toBe(200);
    } finally {
      await c.close();
    }
  });
});

describe('before sign-in (issue 20, 10)', () => {
  it('a POST without credentials is refused before its body is read; the public verify route still takes a copy', async () => {
    // A body that never ends: answered at once all the same.
    const { request } = await import('node:http');
    const url = new URL('/api/cases/SX-2026-GUARD00001/decision', console_.url);
    const status = await new Promise<number>((resolve, reject) => {
      const r = request({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(40 * 1024 * 1024) } }, (res) => resolve(res.statusCode ?? 0));
      r.on('error', reject);
      r.write('{"outcome":"accepted",');
    });
    expect(status).toBe(401);
    const verify = await fetch(new URL('/api/verify', console_.url), { method: 'POST', body: new Uint8Array([37, 80, 68, 70, 45]) });
    expect(verify.status).toBe(404); // read and looked up: no such PDF was issued
  });
});
