import { casesOf } from "./records.js";
import { renderPublicity } from "../render/publicity.js";
import { DEFAULT_PUBLICITY_DAYS, resolvePack } from "../rules/pack.js";
import { chinaCalendar } from "../calendar/index.js";
import { checkIdNumber } from "../identity/id-number.js";
import { maskIdNumber } from "../identity/disclosure.js";
/** Cases whose trainees are about to be paid: accepted claims (a warning does not stop payment). */
export const PUBLISHABLE = new Set(['accepted', 'warning']);
export function publicityRows(cases) {
    const rows = [];
    for (const c of cases) {
        if (c.submissionType !== 'subsidy-claim' || !PUBLISHABLE.has(c.outcome))
            continue;
        const claim = c.documents.find((d) => d.type === 'subsidy-claim-application');
        const trainees = c.documents.filter((d) => d.type === 'roster').flatMap((d) => d.tables?.trainees ?? []);
        const refused = new Set(c.findings.filter((f) => f.outcome === 'NO_SUBSIDY' && f.severity === 'error').flatMap((f) => f.rows ?? []));
        const amount = claim?.fields.amount?.value;
        // The claim's amount is for the class; each trainee's share is the class's per-person standard.
        const each = typeof amount === 'number' && trainees.length > 0 ? Math.round((amount / trainees.length) * 100) / 100 : null;
        const occupation = [claim?.fields.occupation?.value, claim?.fields.level?.value].filter((v) => typeof v === 'string' && v !== '').join('（') + (typeof claim?.fields.level?.value === 'string' && claim.fields.level.value ? '）' : '');
        trainees.forEach((t, i) => {
            const seq = typeof t.seq?.value === 'number' ? t.seq.value : i + 1;
            if (refused.has(seq))
                return;
            const id = t.idNumber?.value;
            const check = typeof id === 'string' ? checkIdNumber(id) : null;
            if (!check?.valid)
                return; // a row without a valid ID was sent back already; it is not paid
            rows.push({
                unit: c.institutionName ?? c.institution,
                name: typeof t.name?.value === 'string' ? t.name.value : '',
                idMasked: maskIdNumber(check.normalised),
                occupation: occupation || '—',
                amount: each,
                caseNumber: c.caseNumber,
            });
        });
    }
    return rows;
}
/** From the first working day on or after `date`, N working days, the last one included. */
export function publicityPeriod(date, workingDays, calendar = chinaCalendar()) {
    let from = date;
    while (!calendar.isWorkingDay(from))
        from = new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const to = calendar.workingDaysAfter(from, workingDays - 1);
    return { from, to, workingDays };
}
/**
 * The 公示 of a city's accepted claims as the bureau publishes it (the CLI writes it to a file, the console
 * downloads it): the claims read from the store, the period from the city's rule, the PDF rendered.
 */
export async function publicityNotice(cases, jurisdiction, opts) {
    const claims = (c) => c.submissionType === 'subsidy-claim' && PUBLISHABLE.has(c.outcome) && (!opts.since || c.createdAt.slice(0, 10) >= opts.since);
    const records = (await casesOf(cases, [jurisdiction], claims)).reverse();
    const pack = resolvePack(jurisdiction);
    const period = publicityPeriod(opts.date, pack.publicity?.workingDays ?? DEFAULT_PUBLICITY_DAYS);
    const rows = publicityRows(records);
    const pdf = await renderPublicity({
        issuer: pack.issuer, cityName: pack.name, date: opts.date, period, rows,
        basis: pack.publicity ? `${pack.publicity.source.section}“${pack.publicity.source.quote}”` : `公示期按${DEFAULT_PUBLICITY_DAYS}个工作日`,
    });
    return { pdf, rows, period, claims: records.length };
}
//# sourceMappingURL=publicity.js.map