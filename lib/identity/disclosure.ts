// The one disclosure policy: what of a trainee's personal data may leave the case record. ID numbers and
// phones are never shown, logged, published or exported in clear where they need not be (Heze 第二十七条:
// 公示时隐藏部分位数); public lists, the console, audit trails and bureau events all mask them here.
import type { CaseRecord, Field } from '../domain/schemas.ts';

/** GB 11643's own example 110105·19491231·002X → 110105********002X (birth date hidden, as public notices do). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length === 18) return `${s.slice(0, 6)}********${s.slice(14)}`;
  if (s.length === 15) return `${s.slice(0, 6)}******${s.slice(12)}`;
  return s.length > 4 ? `${'*'.repeat(s.length - 4)}${s.slice(-4)}` : '****';
}

/** 13857512345 → 138****2345 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  return s.length > 4 ? `${'*'.repeat(s.length - 4)}${s.slice(-4)}` : '****';
}

/** Which personal datum a field holds, by its key (idNumber, phone, legalRepresentativePhone …); null: none. */
export function personalKind(key: string): 'id-number' | 'phone' | null {
  if (/idNumber/i.test(key)) return 'id-number';
  if (/phone/i.test(key)) return 'phone';
  return null;
}

/** A field's value as it may be disclosed: by the field's key. */
export function disclosedValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const kind = personalKind(key);
  if (kind === 'id-number') return maskIdNumber(value);
  if (kind === 'phone') return maskPhone(value);
  return value;
}

function disclosedField<T extends Pick<Field, 'value'>>(key: string, f: T): T {
  const value = disclosedValue(key, f.value);
  return value === f.value ? f : { ...f, value: value as T['value'] };
}

/** A case as the console, the bureau's events and exports show it: every ID number and phone masked. */
export function disclosedCase(c: CaseRecord): CaseRecord {
  const documents = c.documents.map((d) => ({
    ...d,
    fields: Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, disclosedField(k, f)])),
    tables: d.tables
      ? Object.fromEntries(Object.entries(d.tables).map(([t, rows]) => [t, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, f]) => [k, disclosedField(k, f)])))]))
      : undefined,
  }));
  // A reviewer's correction of a number keeps the value read and the value set: masked alike.
  const corrections = c.corrections?.map((x) => ({ ...x, from: disclosedValue(x.field, x.from) as typeof x.from, to: disclosedValue(x.field, x.to) as typeof x.to }));
  return { ...c, documents, ...(corrections ? { corrections } : {}) };
}

/** Any ID-number-shaped string left anywhere in a value that leaves the system (a field with another name) is masked too. */
export function withoutStrayIdNumbers<T>(value: T): T {
  return JSON.parse(scrubbed(JSON.stringify(value))) as T;
}

/**
 * Free text (a file name, an object key) with whatever looks like an ID number or a mobile number masked:
 * an institution may name a scan after the trainee (张伟-<ID number>.jpg), and such a name must not reach
 * a log line or an event in clear (issue 20, 9).
 */
export function scrubbed(text: string): string {
  return text
    .replace(/(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9])/g, '$1********$2')
    .replace(/(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])/g, '$1****$2');
}
