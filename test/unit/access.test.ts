import { describe, expect, it } from 'vitest';
import { handleApi } from '../../lib/http/api.ts';
import { hashPassword, mayManage, mayOpen, principalFromBasicAuth, principalFromClaims, verifyPassword, type LocalUser } from '../../lib/cases/access.ts';
import { memoryUserDirectory } from '../../local/users.ts';

describe('access', () => {
  it('reads the principal from Cognito claims and refuses tokens without a valid role', () => {
    expect(principalFromClaims({ 'cognito:username': 'clerk', 'custom:role': 'institution', 'custom:jurisdictions': 'heze', 'custom:institution': 'hz-001' })).toEqual({
      role: 'institution',
      user: 'clerk',
      jurisdiction: 'heze',
      institution: 'hz-001',
    });
    expect(principalFromClaims({ 'cognito:username': 'r', 'custom:role': 'reviewer', 'custom:jurisdictions': 'zibo, liaocheng' })).toEqual({ role: 'reviewer', user: 'r', jurisdictions: ['zibo', 'liaocheng'] });
    expect(principalFromClaims({ 'cognito:username': 'x', 'custom:role': 'admin', 'custom:jurisdictions': 'zibo' })).toBeNull();
    expect(principalFromClaims({ 'cognito:username': 'x', 'custom:role': 'institution', 'custom:jurisdictions': 'zibo' })).toBeNull(); // no institution
    expect(principalFromClaims({ 'cognito:username': 'x', 'custom:role': 'reviewer', 'custom:jurisdictions': 'hangzhou' })).toBeNull();
    expect(principalFromClaims(undefined)).toBeNull();
  });

  it('an institution opens only its own cases in its city; a reviewer those of the cities given', () => {
    const clerk = principalFromClaims({ 'cognito:username': 'c', 'custom:role': 'institution', 'custom:jurisdictions': 'heze', 'custom:institution': 'hz-001' })!;
    expect(mayOpen(clerk, { jurisdiction: 'heze', institution: 'hz-001' })).toBe(true);
    expect(mayOpen(clerk, { jurisdiction: 'heze', institution: 'hz-002' })).toBe(false);
    expect(mayOpen(clerk, { jurisdiction: 'zibo', institution: 'hz-001' })).toBe(false);
    const reviewer = principalFromClaims({ 'cognito:username': 'r', 'custom:role': 'reviewer', 'custom:jurisdictions': 'zibo' })!;
    expect(mayOpen(reviewer, { jurisdiction: 'zibo', institution: 'any' })).toBe(true);
    expect(mayOpen(reviewer, { jurisdiction: 'heze', institution: 'any' })).toBe(false);
  });

  it('stores passwords as salted scrypt hashes and checks them', async () => {
    const h = await hashPassword('s3cret-pass');
    expect(h).not.toContain('s3cret-pass');
    expect(h).not.toBe(await hashPassword('s3cret-pass')); // salted
    expect(await verifyPassword('s3cret-pass', h)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', h)).toBe(false);
    const users = [{ name: 'a', password: h, role: 'reviewer' as const, jurisdictions: ['qidong' as const] }];
    const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    expect(await principalFromBasicAuth(basic('a:s3cret-pass'), users)).toEqual({ role: 'reviewer', user: 'a', jurisdictions: ['qidong'] });
    expect(await principalFromBasicAuth(basic('a:nope'), users)).toBeNull();
    expect(await principalFromBasicAuth('Bearer xyz', users)).toBeNull();
  });

  it('a bureau user disables its cities\' users and resets their passwords; a disabled user signs in no more', async () => {
    const users: LocalUser[] = [
      { name: 'clerk', password: await hashPassword('old secret'), role: 'institution', jurisdictions: ['heze'], institution: 'hz-1' },
      { name: 'rev', password: await hashPassword('x'), role: 'reviewer', jurisdictions: ['heze', 'zibo'] },
      { name: 'boss', password: await hashPassword('x'), role: 'bureau', jurisdictions: ['heze'] },
    ];
    const heze = { role: 'bureau' as const, user: 'boss', jurisdictions: ['heze' as const] };
    const api = { cases: {} as never, clock: { now: () => new Date() }, presign: async () => '', users: memoryUserDirectory(users) };
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const listed = await handleApi({ method: 'GET', path: '/api/users', query: {} }, api, heze);
    // Its city's clerk only: not a reviewer who also works for Zibo, not itself.
    expect((listed.body as { users: { name: string }[] }).users.map((u) => u.name)).toEqual(['clerk']);
    expect(mayManage(heze, users[1]!)).toBe(false);
    expect((await handleApi({ method: 'POST', path: '/api/users/rev/disable', query: {} }, api, heze)).status).toBe(403);
    expect((await handleApi({ method: 'POST', path: '/api/users/clerk/disable', query: {} }, api, heze)).status).toBe(200);
    expect(await principalFromBasicAuth(basic('clerk', 'old secret'), users)).toBeNull();
    await handleApi({ method: 'POST', path: '/api/users/clerk/enable', query: {} }, api, heze);
    const reset = await handleApi({ method: 'POST', path: '/api/users/clerk/reset-password', query: {} }, api, heze);
    const { password } = reset.body as { password: string };
    expect(await principalFromBasicAuth(basic('clerk', 'old secret'), users)).toBeNull();
    expect(await principalFromBasicAuth(basic('clerk', password), users)).toMatchObject({ user: 'clerk' });
    const clerk = { role: 'institution' as const, user: 'clerk', jurisdiction: 'heze' as const, institution: 'hz-1' };
    expect((await handleApi({ method: 'GET', path: '/api/users', query: {} }, api, clerk)).status).toBe(403);
    // A literal % in a name (decoded once from %25) and a broken escape: refused, never a 500 (issue 20, 10).
    expect((await handleApi({ method: 'POST', path: '/api/users/100%25/disable', query: {} }, api, heze)).status).toBe(403);
    expect((await handleApi({ method: 'POST', path: '/api/users/%E0%A4%A/disable', query: {} }, api, heze)).status).toBe(400);
  });

  it('the API answers 401 to nobody, before touching the store', async () => {
    const untouchable = new Proxy({}, { get: () => () => { throw new Error('store touched'); } });
    const r = await handleApi({ method: 'GET', path: '/api/cases', query: {} }, { cases: untouchable as never, clock: { now: () => new Date() }, presign: async () => '' }, null);
    expect(r.status).toBe(401);
  });
});
