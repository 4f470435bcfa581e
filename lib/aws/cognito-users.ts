// The console's users on AWS, as a bureau user manages them (lib/cases/access.ts UserDirectory): the
// Cognito user pool the API's authoriser trusts. Who a user is comes from the pool's own attributes
// (custom:role, custom:jurisdictions, custom:institution), the same ones the tokens carry.
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomInt } from 'node:crypto';
import { Role, type UserDirectory, type UserEntry } from '../cases/access.ts';
import { Jurisdiction } from '../domain/schemas.ts';

/** The pool's password policy (infra/constructs/console-api.ts): 12 or more, with upper, lower, digit and symbol. */
export function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%^&*-_=+?'];
  const all = sets.join('');
  const chars = [...sets.map((s) => s[randomInt(s.length)]!), ...Array.from({ length: 12 }, () => all[randomInt(all.length)]!)];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** A pool user as the console lists it; null for one without a valid role or city (not the console's). */
export function userEntryOf(u: UserType): UserEntry | null {
  const attr = (name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;
  const role = Role.safeParse(attr('custom:role'));
  const jurisdictions = (attr('custom:jurisdictions') ?? '').split(',').map((j) => Jurisdiction.safeParse(j.trim())).filter((j) => j.success).map((j) => j.data);
  if (!u.Username || !role.success || jurisdictions.length === 0) return null;
  const institution = attr('custom:institution');
  return { name: u.Username, role: role.data, jurisdictions, ...(institution ? { institution } : {}), disabled: u.Enabled === false };
}

export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client: Pick<CognitoIdentityProviderClient, 'send'> = new CognitoIdentityProviderClient({}),
  ) {}

  async list(): Promise<UserEntry[]> {
    const out: UserEntry[] = [];
    let token: string | undefined;
    do {
      const r = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, PaginationToken: token }));
      for (const u of r.Users ?? []) {
        const e = userEntryOf(u);
        if (e) out.push(e);
      }
      token = r.PaginationToken;
    } while (token);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async setDisabled(name: string, disabled: boolean): Promise<void> {
    await this.client.send(disabled ? new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: name }) : new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: name }));
  }

  /**
   * A new console user with who they are (role, cities, institution) as the attributes only administrators
   * write, and a temporary password, returned once: they choose their own and set up MFA at first sign-in.
   * No e-mail is sent by Cognito (the bureau hands the password over itself).
   */
  async add(u: { name: string; role: Role; jurisdictions: Jurisdiction[]; institution?: string | undefined; email?: string | undefined }): Promise<string> {
    if (u.role === 'institution' && !u.institution) throw new Error('an institution user needs its institution id');
    const password = temporaryPassword();
    await this.client.send(new AdminCreateUserCommand({
      UserPoolId: this.userPoolId,
      Username: u.name,
      TemporaryPassword: password,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'custom:role', Value: u.role },
        { Name: 'custom:jurisdictions', Value: u.jurisdictions.join(',') },
        ...(u.institution ? [{ Name: 'custom:institution', Value: u.institution }] : []),
        ...(u.email ? [{ Name: 'email', Value: u.email }, { Name: 'email_verified', Value: 'true' }] : []),
      ],
    }));
    return password;
  }

  /** A temporary password: the user must choose their own at the next sign-in (and still pass MFA). */
  async resetPassword(name: string): Promise<string> {
    const password = temporaryPassword();
    await this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: name, Password: password, Permanent: false }));
    return password;
  }
}
