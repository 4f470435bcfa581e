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

/**
 * Which personal datum a field holds, by its key (idNumber, phone, legalRepresentativePhone …); null: none.
 * A complainant's name and contact (reporterName, reporterContact) are kept confidential whole (Heze 第二十三条:
 * 依法保护举报人合法权益): sealed at rest like the others, and never shown but to whoever unmasks them.
 */
export function personalKind(key: string): 'id-number' | 'phone' | 'reporter' | null {
  if (/^reporter/.test(key)) return 'reporter';
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
  if (kind === 'reporter') return value === '' ? value : '（举报人信息保密）';
  return value;
}

/** The parts of a case that hold trainees' numbers: its documents and the values reviewers corrected. */
export type PersonalParts = Pick<CaseRecord, 'documents' | 'corrections'>;

/**
 * The documents and corrections with every personal value (ID number, phone, by the field's key) replaced by
 * what `change` makes of it, everything else as it was: the one walk that masking, sealing and opening share.
 */
export function withPersonalValues<T extends Partial<PersonalParts>>(parts: T, change: (key: string, value: Field['value']) => Field['value']): T {
  const row = <F extends Pick<Field, 'value'>>(fields: Record<string, F>) =>
    Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, personalKind(k) ? { ...f, value: change(k, f.value) } : f]));
  const documents = parts.documents?.map((d) => ({
    ...d,
    fields: row(d.fields),
    ...(d.tables ? { tables: Object.fromEntries(Object.entries(d.tables).map(([t, rows]) => [t, rows.map(row)])) } : {}),
  }));
  // A reviewer's correction of a number keeps the value read and the value set: both are personal.
  const corrections = parts.corrections?.map((x) => (personalKind(x.field) ? { ...x, from: change(x.field, x.from), to: change(x.field, x.to) } : x));
  return { ...parts, ...(documents ? { documents } : {}), ...(corrections ? { corrections } : {}) };
}

/** A case as the console, the bureau's events and exports show it: every ID number and phone masked. */
export function disclosedCase(c: CaseRecord): CaseRecord {
  return withPersonalValues(c, (k, v) => disclosedValue(k, v) as Field['value']);
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
