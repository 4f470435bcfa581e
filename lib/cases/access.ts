// Who may see what. Institutions see their own cases; reviewers and the bureau the cases of their
// jurisdictions. On AWS the principal comes from the Cognito token's claims (custom attributes that
// users cannot write); on the embedded stack from the configured users (scrypt-hashed passwords).
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import { Jurisdiction, type CaseRecord } from '../domain/schemas.ts';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export const Role = z.enum(['institution', 'reviewer', 'bureau']);
export type Role = z.infer<typeof Role>;

export const Principal = z.discriminatedUnion('role', [
  z.object({ role: z.literal('institution'), user: z.string(), jurisdiction: Jurisdiction, institution: z.string().min(1) }),
  z.object({ role: z.literal('reviewer'), user: z.string(), jurisdictions: z.array(Jurisdiction).min(1) }),
  z.object({ role: z.literal('bureau'), user: z.string(), jurisdictions: z.array(Jurisdiction).min(1) }),
]);
export type Principal = z.infer<typeof Principal>;

export function mayOpen(p: Principal, c: Pick<CaseRecord, 'jurisdiction' | 'institution'>): boolean {
  if (p.role === 'institution') return p.jurisdiction === c.jurisdiction && p.institution === c.institution;
  return p.jurisdictions.includes(c.jurisdiction);
}

/** The jurisdictions whose cases a principal may list. */
export function visibleJurisdictions(p: Principal): Jurisdiction[] {
  return p.role === 'institution' ? [p.jurisdiction] : p.jurisdictions;
}

/** Cognito ID/access token claims → principal: custom:role, custom:jurisdictions (comma list), custom:institution. */
export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | null {
  if (!claims) return null;
  const role = Role.safeParse(claims['custom:role']);
  if (!role.success) return null;
  const user = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? '');
  const jurisdictions = String(claims['custom:jurisdictions'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const p = Principal.safeParse(
    role.data === 'institution'
      ? { role: role.data, user, jurisdiction: jurisdictions[0], institution: claims['custom:institution'] }
      : { role: role.data, user, jurisdictions },
  );
  return p.success ? p.data : null;
}

// --- configured users on the embedded stack ---

export const LocalUser = z.object({
  name: z.string().min(1),
  /** scrypt$<salt b64>$<hash b64> */
  password: z.string().regex(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'a password hash made by `intake users add`'),
  role: Role,
  jurisdictions: z.array(Jurisdiction).min(1),
  institution: z.string().optional(),
  /** Disabled by a bureau user: signs in no more until enabled. */
  disabled: z.boolean().optional(),
});
export type LocalUser = z.infer<typeof LocalUser>;

/** A console user as the bureau manages it (no password, hashed or not). */
export interface UserEntry {
  name: string;
  role: Role;
  jurisdictions: Jurisdiction[];
  institution?: string;
  disabled: boolean;
}

/** The console's users, as a bureau user manages them (the embedded stack's users file; Cognito on AWS). */
export interface UserDirectory {
  list(): Promise<UserEntry[]>;
  setDisabled(name: string, disabled: boolean): Promise<void>;
  /** A new password, shown once to the bureau user who reset it. */
  resetPassword(name: string): Promise<string>;
}

/** Whom a bureau user manages: the users of its own cities only, never another bureau user or itself. */
export function mayManage(who: Principal, u: Pick<UserEntry, 'name' | 'role' | 'jurisdictions'>): boolean {
  return who.role === 'bureau' && u.name !== who.user && u.role !== 'bureau' && u.jurisdictions.every((j) => who.jurisdictions.includes(j));
}
export const LocalUsers = z.array(LocalUser);

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export function principalOf(u: LocalUser): Principal {
  return Principal.parse(
    u.role === 'institution'
      ? { role: 'institution', user: u.name, jurisdiction: u.jurisdictions[0], institution: u.institution }
      : { role: u.role, user: u.name, jurisdictions: u.jurisdictions },
  );
}

/** HTTP Basic credentials against the configured users; null when absent or wrong. */
export async function principalFromBasicAuth(header: string | undefined, users: LocalUser[]): Promise<Principal | null> {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const name = decoded.slice(0, colon);
  const user = users.find((u) => u.name === name);
  // Hash even for an unknown name, so that timing does not tell which names exist.
  const ok = await verifyPassword(decoded.slice(colon + 1), user?.password ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  return user && ok && !user.disabled ? principalOf(user) : null;
}

/** A password a person chose: long enough that the throttle below makes guessing it hopeless. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Failed sign-ins, per user name and per client address: past `limit` failures within `windowMs`, that
 * name (or address) is refused without checking the password until the window has passed — each guess
 * also costs an scrypt, so an unthrottled guesser is a denial of service as well (issue 20, 8).
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: { limit: number; windowMs: number; now?: () => number } = { limit: 5, windowMs: 15 * 60_000 },
  ) {}

  private recent(key: string): number[] {
    const now = (this.opts.now ?? Date.now)();
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until the name or address may try again; 0: it may now. */
  retryAfter(keys: string[]): number {
    const now = (this.opts.now ?? Date.now)();
    let wait = 0;
    for (const k of keys) {
      const r = this.recent(k);
      if (r.length >= this.opts.limit) wait = Math.max(wait, Math.ceil((r[0]! + this.opts.windowMs - now) / 1000));
    }
    return wait;
  }

  failed(keys: string[]): void {
    const now = (this.opts.now ?? Date.now)();
    for (const k of keys) this.failures.set(k, [...this.recent(k), now]);
    // Bounded: a flood of made-up names cannot grow it for ever.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}

/** The user name a Basic header names (to throttle by), without checking anything. */
export function basicAuthName(header: string | undefined): string | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(0, colon);
}
