// The console's users on the embedded stack: .local/users.json, passwords scrypt-hashed. On first start
// one bureau user is made with a random password, shown once; `intake users add` makes the others.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword, LocalUsers, type LocalUser, type Role, type UserDirectory } from '../lib/cases/access.ts';
import { Jurisdiction } from '../lib/domain/schemas.ts';

export const usersFile = (dir: string) => path.join(dir, 'users.json');

export function loadUsers(dir: string): LocalUser[] {
  const file = usersFile(dir);
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const r = LocalUsers.safeParse(raw);
  if (!r.success) throw new Error(`${file}: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

function save(dir: string, users: LocalUser[]) {
  writeFileSync(usersFile(dir), JSON.stringify(users, null, 2) + '\n', { mode: 0o600 });
}

/** A user of that name exists and the caller did not say to replace it (a typo must not reset somebody's password). */
export class UserExistsError extends Error {
  constructor(name: string) {
    super(`user ${name} exists already; add --replace to give it this role, these cities and a new password`);
    this.name = 'UserExistsError';
  }
}

export async function addUser(
  dir: string,
  u: { name: string; role: Role; jurisdictions: Jurisdiction[]; institution?: string; password?: string; replace?: boolean },
): Promise<{ password: string }> {
  if (!u.replace && loadUsers(dir).some((x) => x.name === u.name)) throw new UserExistsError(u.name);
  if (u.role === 'institution' && !u.institution) throw new Error('an institution user needs --institution <id> (the {institution} part of its upload keys)');
  if (u.jurisdictions.length === 0) throw new Error(`give --jurisdiction (one of ${Jurisdiction.options.join(', ')}, comma-separated for reviewers)`);
  const password = u.password ?? randomBytes(9).toString('base64url');
  const users = loadUsers(dir).filter((x) => x.name !== u.name);
  users.push({ name: u.name, password: await hashPassword(password), role: u.role, jurisdictions: u.jurisdictions, ...(u.institution ? { institution: u.institution } : {}) });
  save(dir, users);
  return { password };
}

/** The users, making the first bureau user when there are none; its password is returned only then. */
export async function ensureUsers(dir: string): Promise<{ firstPassword?: string }> {
  if (loadUsers(dir).length > 0) return {};
  const { password } = await addUser(dir, { name: 'bureau', role: 'bureau', jurisdictions: [...Jurisdiction.options] });
  return { firstPassword: password };
}

/** Users kept in a list (the file's contents, or a caller's fixed users), managed in place; `persist` writes them back. */
function directoryOver(read: () => LocalUser[], persist: (users: LocalUser[]) => void): UserDirectory {
  const find = (name: string) => {
    const users = read();
    const u = users.find((x) => x.name === name);
    if (!u) throw new Error(`no user ${name}`);
    return { users, u };
  };
  return {
    async list() {
      return read().map(({ name, role, jurisdictions, institution, disabled }) => ({ name, role, jurisdictions, ...(institution ? { institution } : {}), disabled: disabled === true }));
    },
    async setDisabled(name, disabled) {
      const { users, u } = find(name);
      if (disabled) u.disabled = true;
      else delete u.disabled;
      persist(users);
    },
    async resetPassword(name) {
      const { users, u } = find(name);
      const password = randomBytes(9).toString('base64url');
      u.password = await hashPassword(password);
      persist(users);
      return password;
    },
  };
}

/** The users file as the console's bureau users manage it (lib/http/api.ts /api/users). */
export const localUserDirectory = (dir: string): UserDirectory => directoryOver(() => loadUsers(dir), (users) => save(dir, users));

/** A fixed list of users (a test's), managed in place. */
export const memoryUserDirectory = (users: LocalUser[]): UserDirectory => directoryOver(() => users, () => {});
