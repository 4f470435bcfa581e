// The embedded stack's console users: a name that exists is not silently given a new password.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { principalFromBasicAuth } from '../../lib/cases/access.ts';
import { addUser, loadUsers, UserExistsError } from '../../local/users.ts';

const basic = (name: string, password: string) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

describe('intake users add', () => {
  it('refuses a name that exists, leaving its password as it was; --replace gives it the new role and password', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'intake-users-'));
    await addUser(dir, { name: 'li', role: 'reviewer', jurisdictions: ['shaoxing'], password: 'first-Password-1' });
    await expect(addUser(dir, { name: 'li', role: 'bureau', jurisdictions: ['zibo'], password: 'second-Password-2' })).rejects.toThrow(UserExistsError);
    expect(await principalFromBasicAuth(basic('li', 'first-Password-1'), loadUsers(dir))).toMatchObject({ role: 'reviewer', jurisdictions: ['shaoxing'] });
    expect(await principalFromBasicAuth(basic('li', 'second-Password-2'), loadUsers(dir))).toBeNull();

    await addUser(dir, { name: 'li', role: 'bureau', jurisdictions: ['zibo'], password: 'second-Password-2', replace: true });
    expect(loadUsers(dir).filter((u) => u.name === 'li')).toHaveLength(1);
    expect(await principalFromBasicAuth(basic('li', 'second-Password-2'), loadUsers(dir))).toMatchObject({ role: 'bureau', jurisdictions: ['zibo'] });
    expect(await principalFromBasicAuth(basic('li', 'first-Password-1'), loadUsers(dir))).toBeNull();
  });
});
