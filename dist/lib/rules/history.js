import { checkIdNumber } from "../identity/id-number.js";
export const emptyHistory = () => ({ persons: {}, klass: [], institution: { standing: null, filings: [], attendance: [] } });
/** Outcomes that hold their place: a claim in supplement still counts against the trainee's limit. */
export const COUNTS = new Set(['accepted', 'warning', 'supplement-required']);
export const classKeyOf = (jurisdiction, institution, classCode) => `${jurisdiction}/${institution}/${classCode.replace(/\s+/g, '')}`;
export const institutionKeyOf = (jurisdiction, institution) => `${jurisdiction}/${institution}`;
export function classCodeOf(documents) {
    for (const type of ['class-opening-application', 'subsidy-claim-application', 'roster', 'sign-in-sheet', 'schedule']) {
        for (const d of documents.filter((x) => x.type === type)) {
            const v = d.fields.classCode?.value;
            if (typeof v === 'string' && v.trim() !== '')
                return v.trim();
        }
    }
    return null;
}
/** The roster's valid ID numbers, normalised, each once (rows with an invalid ID are the roster rule's finding). */
export function rosterIds(documents) {
    const ids = new Set();
    for (const d of documents.filter((x) => x.type === 'roster')) {
        for (const row of d.tables?.trainees ?? []) {
            const v = row.idNumber?.value;
            if (typeof v !== 'string')
                continue;
            const c = checkIdNumber(v);
            if (c.valid && c.normalised)
                ids.add(c.normalised);
        }
    }
    return [...ids];
}
/** 职业技能等级: 1 is the highest (一级/高级技师), 5 the lowest (五级/初级工); null when none is named. */
export function levelRank(level) {
    if (typeof level !== 'string')
        return null;
    const s = level.replace(/\s+/g, '');
    if (/高级技师|一级|1级/.test(s))
        return 1;
    if (/技师|二级|2级/.test(s))
        return 2;
    if (/高级|三级|3级/.test(s))
        return 3;
    if (/中级|四级|4级/.test(s))
        return 4;
    if (/初级|五级|5级/.test(s))
        return 5;
    return null;
}
/** Occupations compare without spaces, brackets' content (电工（四级）) or a trailing 工种 remark. */
export function occupationKey(occupation) {
    if (typeof occupation !== 'string')
        return null;
    const s = occupation.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
    return s === '' ? null : s;
}
/** A history without the entries of one case: a redelivered upload is judged as if it were the first. */
export function withoutCase(h, caseId) {
    const persons = {};
    for (const [k, list] of Object.entries(h.persons))
        persons[k] = list.filter((e) => e.caseId !== caseId);
    return {
        persons,
        klass: h.klass.filter((e) => e.caseId !== caseId),
        institution: {
            standing: h.institution.standing,
            filings: h.institution.filings.filter((e) => e.caseId !== caseId),
            attendance: h.institution.attendance.filter((e) => e.caseId !== caseId),
        },
    };
}
/** Applies one case's changes to a history. */
export function applyChanges(h, caseId, c) {
    const base = withoutCase(h, caseId);
    for (const [k, list] of Object.entries(c.persons))
        base.persons[k] = [...(base.persons[k] ?? []), ...list];
    if (c.klass)
        base.klass.push(c.klass);
    if (c.filing)
        base.institution.filings.push(c.filing);
    base.institution.attendance.push(...c.attendance);
    if (c.standing)
        base.institution.standing = c.standing;
    return base;
}
/** What the store writes for one case's changes over the snapshot it was judged on (the store only persists). */
export function ledgerWrites(h, caseId, c) {
    const next = applyChanges(h, caseId, c);
    return {
        persons: Object.fromEntries(Object.keys(c.persons).map((k) => [k, next.persons[k] ?? []])),
        klass: c.klass ? next.klass : null,
        institution: c.filing || c.standing || c.attendance.length > 0 ? next.institution : null,
    };
}
/** Each sign-in sheet's attendance: signed slots over the class's trainees. */
export function attendanceOf(documents, enrolled, caseId, classKey) {
    if (!enrolled)
        return [];
    return documents.flatMap((s) => {
        const signed = s.type === 'sign-in-sheet' ? s.fields.signedCount?.value : undefined;
        const date = s.fields.date?.value;
        return typeof signed === 'number' && typeof date === 'string' ? [{ caseId, date, classKey, rate: Math.min(1, signed / enrolled) }] : [];
    });
}
/** How many trainees the class has: its roster in this packet, else its accepted class-opening case. */
export function enrolledIn(documents, h) {
    const rows = documents.filter((d) => d.type === 'roster').reduce((n, d) => n + (d.tables?.trainees?.length ?? 0), 0);
    if (rows > 0)
        return rows;
    const opened = h.klass.filter((c) => c.submissionType === 'class-opening' && COUNTS.has(c.outcome) && c.traineeCount).at(-1);
    return opened?.traineeCount;
}
function addYears(iso, years) {
    const [y, m, d] = iso.split('-').map(Number);
    const end = new Date(Date.UTC(y + years, m - 1, d));
    if (end.getUTCMonth() !== m - 1)
        end.setUTCDate(0); // 29 Feb → 28 Feb
    end.setUTCDate(end.getUTCDate() - 1); // two years from 1 March end on the last day of February
    return end.toISOString().slice(0, 10);
}
/** The agreement an accepted filing leads to: from the day of receipt, for years, or to 31 December. */
export function agreementTerm(receivedOn, agreement) {
    const end = agreement?.years ? addYears(receivedOn, agreement.years) : agreement?.endOfYear ? `${receivedOn.slice(0, 4)}-12-31` : undefined;
    return { start: receivedOn, ...(end ? { end } : {}) };
}
/** What a decided case commits: enrolments, subsidy uses, the class's and the institution's ledger entries. */
export function changesOf(f) {
    const doc = (t) => f.documents.find((d) => d.type === t);
    const code = classCodeOf(f.documents);
    const classKey = code ? classKeyOf(f.jurisdiction, f.institution, code) : `${institutionKeyOf(f.jurisdiction, f.institution)}/case:${f.caseId}`;
    const persons = {};
    const str = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
    if (f.submissionType === 'class-opening') {
        const app = doc('class-opening-application');
        for (const id of rosterIds(f.documents)) {
            const key = f.personKeys[id];
            if (!key)
                continue;
            persons[key] = [{
                    kind: 'enrolment', caseId: f.caseId, classKey, outcome: f.outcome, at: f.at,
                    startDate: str(app?.fields.startDate?.value), endDate: str(app?.fields.endDate?.value), className: str(app?.fields.className?.value),
                }];
        }
    }
    if (f.submissionType === 'subsidy-claim') {
        const claim = doc('subsidy-claim-application') ?? doc('class-opening-application');
        const date = str(claim?.fields.certificateDate?.value) ?? f.receivedOn;
        const level = str(claim?.fields.level?.value);
        for (const id of rosterIds(f.documents)) {
            const key = f.personKeys[id];
            if (!key)
                continue;
            persons[key] = [{
                    kind: 'subsidy', caseId: f.caseId, classKey, outcome: f.outcome, at: f.at, year: Number(date.slice(0, 4)), date,
                    occupation: occupationKey(claim?.fields.occupation?.value) ?? undefined, level, levelRank: levelRank(level) ?? undefined,
                }];
        }
    }
    const traineeCount = doc('class-opening-application')?.fields.traineeCount?.value;
    const subject = {
        caseId: f.caseId, submissionType: f.submissionType, outcome: f.outcome, at: f.at,
        ...(typeof traineeCount === 'number' ? { traineeCount } : {}),
    };
    const attendance = f.submissionType === 'attendance' ? attendanceOf(f.documents, f.enrolled, f.caseId, classKey) : [];
    let standing = null;
    if (f.submissionType === 'institution-filing' && f.outcome === 'accepted') {
        const term = agreementTerm(f.receivedOn, f.agreement);
        standing = { status: 'active', agreementStart: term.start, ...(term.end ? { agreementEnd: term.end } : {}), by: 'system:intake', at: f.at, caseId: f.caseId };
    }
    return {
        persons,
        klass: code && f.submissionType !== 'institution-filing' ? subject : null,
        filing: f.submissionType === 'institution-filing' ? subject : null,
        attendance,
        standing,
    };
}
//# sourceMappingURL=history.js.map