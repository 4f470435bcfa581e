import { INCOMING_PREFIX } from '../config.ts';
import { Jurisdiction } from '../domain/schemas.ts';

export interface UploadKey {
  jurisdiction: Jurisdiction;
  institution: string;
  packet: string;
  file: string;
  /** incoming/{jurisdiction}/{institution}/{packet}/ */
  packetPrefix: string;
}

export class BadUploadKeyError extends Error {
  constructor(key: string, why: string) {
    super(`upload key "${key}" ${why}; expected incoming/{jurisdiction}/{institution}/{packet}/{file}`);
    this.name = 'BadUploadKeyError';
  }
}

/** incoming/{jurisdiction}/{institution}/{packet}/{file}; the file part may contain further slashes. */
export function parseUploadKey(key: string): UploadKey {
  if (!key.startsWith(INCOMING_PREFIX)) throw new BadUploadKeyError(key, 'is not under incoming/');
  const parts = key.slice(INCOMING_PREFIX.length).split('/');
  if (parts.length < 4 || parts.slice(0, 4).some((p) => p === '' || p === '.' || p === '..')) {
    throw new BadUploadKeyError(key, 'does not name a jurisdiction, institution, packet and file');
  }
  const [j, institution, packet, ...rest] = parts as [string, string, string, ...string[]];
  const jurisdiction = Jurisdiction.safeParse(j.toLowerCase());
  if (!jurisdiction.success) throw new BadUploadKeyError(key, `names no known jurisdiction ("${j}"; one of ${Jurisdiction.options.join(', ')})`);
  return {
    jurisdiction: jurisdiction.data,
    institution,
    packet,
    file: rest.join('/'),
    packetPrefix: `${INCOMING_PREFIX}${j}/${institution}/${packet}/`,
  };
}

/** The jurisdiction a key names, even when the rest of it is not a valid upload path. */
export function jurisdictionOfKey(key: string): Jurisdiction | undefined {
  if (!key.startsWith(INCOMING_PREFIX)) return undefined;
  const j = Jurisdiction.safeParse(key.slice(INCOMING_PREFIX.length).split('/')[0]?.toLowerCase());
  return j.success ? j.data : undefined;
}

/** The key of an S3 event record is URL-encoded with '+' for spaces. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}
