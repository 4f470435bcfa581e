// Reports are read by people: ID numbers and phones are shown masked, as public lists show them
// (lib/identity/disclosure.ts), even where the generator invented them. A misread is still visible: the
// positions where what was read differs from what was written are named.
import { maskIdNumber, maskPhone } from '../lib/identity/disclosure.ts';

const PERSONAL: Record<string, (s: string) => string> = { idNumber: maskIdNumber, phone: maskPhone };

/** What was read and what was written, as a report shows them: masked where the field is personal. */
export function shownPair(key: string, read: unknown, written: unknown): [string, string] {
  const show = (v: unknown) => (v === undefined ? '(none)' : v === null ? '(unread)' : String(v));
  const mask = PERSONAL[key];
  if (!mask || typeof written !== 'string') return [show(read), show(written)];
  if (typeof read !== 'string') return [show(read), mask(written)];
  const a = [...read];
  const b = [...written];
  const differ = b.flatMap((c, i) => (a[i] === c ? [] : [i + 1]));
  const where = a.length !== b.length ? `${a.length} characters for ${b.length}` : `differs at ${differ.join(', ')}`;
  return [`${mask(read)} (${where})`, mask(written)];
}
