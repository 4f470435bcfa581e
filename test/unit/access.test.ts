import { describe, expect, it } from 'vitest';
import { handleApi } from '../../lib/http/api.ts';
import { hashPassword, mayOpen, principalFromBasicAuth, principalFromClaims, verifyPassword } from '../../lib/cases/access.ts';

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

  it('the API answers 401 to nobody, before touching the store', async () => {
    const untouchable = new Proxy({}, { get: () => () => { throw new Error('store touched'); } });
    const r = await handleApi({ method: 'GET', path: '/api/cases', query: {} }, { cases: untouchable as never, clock: { now: () => new Date() }, presign: async () => '' }, null);
    expect(r.status).toBe(401);
  });
});
