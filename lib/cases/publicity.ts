// The 公示 list from the case records: every trainee of an accepted subsidy claim, except those a finding
// refused (a fourth subsidy in a year, a repeated level …), with the ID number masked and the period counted
// in working days from the holiday calendar.
import type { CaseRecord, Jurisdiction } from '../domain/schemas.ts';
import type { CaseStore } from './ports.ts';
import { casesOf } from './records.ts';
import { renderPublicity } from '../render/publicity.ts';
import { resolvePack } from '../rules/pack.ts';
import { chinaCalendar, type WorkingDayCalendar } from '../calendar/index.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { maskIdNumber } from '../identity/disclosure.ts';
import type { PublicityRow } from '../render/publicity.ts';

/** Cases whose trainees are about to be paid: accepted claims (a warning does not stop payment). */
export const PUBLISHABLE = new Set(['accepted', 'warning']);

export function publicityRows(cases: CaseRecord[]): PublicityRow[] {
  const rows: PublicityRow[] = [];
  for (const c of cases) {
    if (c.submissionType !== 'subsidy-claim' || !PUBLISHABLE.has(c.outcome)) continue;
    const claim = c.documents.find((d) => d.type === 'subsidy-claim-application');
    const trainees = c.documents.filter((d) => d.type === 'roster').flatMap((d) => d.tables?.trainees ?? []);
    const refused = new Set(c.findings.filter((f) => f.outcome === 'NO_SUBSIDY' && f.severity === 'error').flatMap((f) => f.rows ?? []));
    const amount = claim?.fields.amount?.value;
    // The claim's amount is for the class; each trainee's share is the class's per-person standard.
    const each = typeof amount === 'number' && trainees.length > 0 ? Math.round((amount / trainees.length) * 100) / 100 : null;
    const occupation = [claim?.fields.occupation?.value, claim?.fields.level?.value].filter((v) => typeof v === 'string' && v !== '').join('（') + (typeof claim?.fields.level?.value === 'string' && claim.fields.level.value ? '）' : '');
    trainees.forEach((t, i) => {
      const seq = typeof t.seq?.value === 'number' ? t.seq.value : i + 1;
      if (refused.has(seq)) return;
      const id = t.idNumber?.value;
      const check = typeof id === 'string' ? checkIdNumber(id) : null;
      if (!check?.valid) return; // a row without a valid ID was sent back already; it is not paid
      rows.push({
        unit: c.institutionName ?? c.institution,
        name: typeof t.name?.value === 'string' ? t.name.value : '',
        idMasked: maskIdNumber(check.normalised!),
        occupation: occupation || '—',
        amount: each,
        caseNumber: c.caseNumber,
      });
    });
  }
  return rows;
}

/** A 公示's period: from the first working day on or after `date`, N working days, the last one included; without N, open (to: null). */
export interface PublicityPeriod {
  from: string;
  to: string | null;
  workingDays: number | null;
}

export function publicityPeriod(date: string, workingDays: number | null, calendar: WorkingDayCalendar = chinaCalendar()): PublicityPeriod {
  let from = date;
  while (!calendar.isWorkingDay(from)) from = new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from, to: workingDays ? calendar.workingDaysAfter(from, workingDays - 1) : null, workingDays: workingDays || null };
}

/**
 * The 公示 of a city's accepted claims as the bureau publishes it (the CLI writes it to a file, the console
 * downloads it): the claims read from the store, the period from the city's rule, the PDF rendered.
 */
export async function publicityNotice(
  cases: Pick<CaseStore, 'listCases' | 'getCase'>,
  jurisdiction: Jurisdiction,
  opts: { date: string; since?: string; workingDays?: number },
): Promise<{ pdf: Uint8Array; rows: PublicityRow[]; period: PublicityPeriod; claims: number }> {
  const claims = (c: { submissionType: string; outcome: string; createdAt: string }) => c.submissionType === 'subsidy-claim' && PUBLISHABLE.has(c.outcome) && (!opts.since || c.createdAt.slice(0, 10) >= opts.since);
  const records = (await casesOf(cases, [jurisdiction], claims)).reverse();
  const pack = resolvePack(jurisdiction);
  // The city's own period; where its seed sets none (Heze, Qidong) the bureau's (--days), else the notice leaves the end for the bureau to write.
  const period = publicityPeriod(opts.date, pack.publicity?.workingDays ?? opts.workingDays ?? null);
  const rows = publicityRows(records);
  const pdf = await renderPublicity({
    issuer: pack.issuer, cityName: pack.name, date: opts.date, period, rows,
    basis: pack.publicity ? `${pack.publicity.source.section}“${pack.publicity.source.quote}”` : '',
  });
  return { pdf, rows, period, claims: records.length };
}
