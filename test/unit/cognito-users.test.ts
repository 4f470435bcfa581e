// The console's users on AWS: a bureau user lists, disables, enables and resets its cities' users in the
// Cognito pool through the same API routes as on the embedded stack. The pool is played by a fake client
// that answers the commands as Cognito does (ListUsers pages, Enabled flags, temporary passwords).
import { AdminCreateUserCommand, AdminDisableUserCommand, AdminEnableUserCommand, AdminSetUserPasswordCommand, ListUsersCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/cases/access.ts';
import { CognitoUserDirectory, temporaryPassword } from '../../lib/aws/cognito-users.ts';
import { handleApi, type ApiDeps } from '../../lib/http/api.ts';
import { MemoryCaseStore } from '../memory-stores.ts';

function pool(users: UserType[]) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command instanceof ListUsersCommand) {
        // Two users a page, as a small pool would page.
        const start = Number(command.input.PaginationToken ?? 0);
        const page = users.slice(start, start + 2);
        return { Users: page, ...(start + 2 < users.length ? { PaginationToken: String(start + 2) } : {}) };
      }
      if (command instanceof AdminCreateUserCommand) {
        if (users.some((x) => x.Username === command.input.Username)) throw Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' });
        users.push({ Username: command.input.Username as string, Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD', Attributes: command.input.UserAttributes as UserType['Attributes'] });
        return {};
      }
      const u = users.find((x) => x.Username === command.input.Username);
      if (!u) throw Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
      if (command instanceof AdminDisableUserCommand) u.Enabled = false;
      if (command instanceof AdminEnableUserCommand) u.Enabled = true;
      if (command instanceof AdminSetUserPasswordCommand) u.UserStatus = command.input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
      return {};
    },
  };
  return { client: client as never, sent };
}
const user = (name: string, role: string, jurisdictions: string, institution?: string): UserType => ({
  Username: name, Enabled: true, UserStatus: 'CONFIRMED',
  Attributes: [{ Name: 'custom:role', Value: role }, { Name: 'custom:jurisdictions', Value: jurisdictions }, ...(institution ? [{ Name: 'custom:institution', Value: institution }] : []), { Name: 'email', Value: `${name}@example.cn` }],
});

describe('the console\'s users in Cognito', () => {
  const users = [user('head-qd', 'bureau', 'qidong'), user('clerk-qd', 'institution', 'qidong', 'inst-qd'), user('rev-qd', 'reviewer', 'qidong'), user('rev-sx', 'reviewer', 'shaoxing'), { Username: 'ops', Enabled: true, Attributes: [] }];
  const fake = pool(users);
  const api: ApiDeps = { cases: new MemoryCaseStore(), clock: { now: () => new Date('2026-12-07T02:00:00Z') }, presign: async (_b, k) => k, users: new CognitoUserDirectory('cn-north-1_pool', fake.client) };
  const head: Principal = { role: 'bureau', user: 'head-qd', jurisdictions: ['qidong'] };
  const call = (method: string, p: string) => handleApi({ method, path: p, query: {} }, api, head);

  it('lists the users of its own cities only, read from every page of the pool, without itself or users of no role', async () => {
    const r = await call('GET', '/api/users');
    expect(r.status).toBe(200);
    expect((r.body as { users: { name: string }[] }).users.map((u) => u.name)).toEqual(['clerk-qd', 'rev-qd']);
    expect(fake.sent.filter((s) => s.name === 'ListUsersCommand')).toHaveLength(3);
  });

  it('disables and enables a user of its city; a user of another city is refused without a call to Cognito', async () => {
    expect((await call('POST', '/api/users/clerk-qd/disable')).status).toBe(200);
    expect(users[1]!.Enabled).toBe(false);
    expect((await call('GET', '/api/users')).body).toMatchObject({ users: expect.arrayContaining([expect.objectContaining({ name: 'clerk-qd', disabled: true })]) });
    expect((await call('POST', '/api/users/clerk-qd/enable')).status).toBe(200);
    expect(users[1]!.Enabled).toBe(true);
    const before = fake.sent.length;
    expect((await call('POST', '/api/users/rev-sx/disable')).status).toBe(403);
    expect(fake.sent.slice(before).map((s) => s.name)).toEqual(['ListUsersCommand', 'ListUsersCommand', 'ListUsersCommand']);
    expect(users[3]!.Enabled).toBe(true);
  });

  it('a reset sets a temporary password the pool\'s policy takes, which the user must change at the next sign-in', async () => {
    const r = await call('POST', '/api/users/rev-qd/reset-password');
    expect(r.status).toBe(200);
    const set = fake.sent.find((s) => s.name === 'AdminSetUserPasswordCommand')!;
    expect(set.input).toMatchObject({ UserPoolId: 'cn-north-1_pool', Username: 'rev-qd', Permanent: false });
    expect(JSON.stringify(r.body)).toContain(String(set.input.Password));
    expect(users[2]!.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    for (let i = 0; i < 50; i++) {
      const p = temporaryPassword();
      expect(p.length).toBeGreaterThanOrEqual(12);
      for (const re of [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/]) expect(p).toMatch(re);
    }
    expect(new Set(Array.from({ length: 20 }, temporaryPassword)).size).toBe(20);
  });
});

describe('the first users of a deployment (intake users add --user-pool)', () => {
  it('are created with their role, cities and institution as administrator-only attributes and a temporary password; the console then lists them as such', async () => {
    const users: UserType[] = [];
    const fake = pool(users);
    const dir = new CognitoUserDirectory('cn-north-1_pool', fake.client);
    const password = await dir.add({ name: 'head-sx', role: 'bureau', jurisdictions: ['shaoxing'], email: 'head@example.gov.cn' });
    expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^\w]).{16}$/);
    expect(fake.sent.at(-1)).toMatchObject({ name: 'AdminCreateUserCommand', input: { Username: 'head-sx', MessageAction: 'SUPPRESS', TemporaryPassword: password } });
    await dir.add({ name: 'clerk-sx', role: 'institution', jurisdictions: ['shaoxing'], institution: 'inst-sx' });
    expect(await dir.list()).toEqual([
      { name: 'clerk-sx', role: 'institution', jurisdictions: ['shaoxing'], institution: 'inst-sx', disabled: false },
      { name: 'head-sx', role: 'bureau', jurisdictions: ['shaoxing'], disabled: false },
    ]);
    await expect(dir.add({ name: 'clerk-x', role: 'institution', jurisdictions: ['shaoxing'] })).rejects.toThrow(/institution id/);
    await expect(dir.add({ name: 'head-sx', role: 'bureau', jurisdictions: ['shaoxing'] })).rejects.toThrow(/exists/);
  });
});
