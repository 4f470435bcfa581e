// GB 11643-1999 citizen identity numbers (公民身份号码), and the residence permits that share the format.
//
// Policy (what a rule may rely on):
// - error (the number is not valid): wrong length or characters, impossible or future birth date, wrong
//   check character, a province that does not exist, a 6-digit area not in GB/T 2260 at all;
// - warning (valid, but a reviewer should know): lower-case x (normalised to X), an area code that was not
//   in force in the birth year (numbers carry the area where they were issued, which may be later or
//   earlier than the code's years), a 15-digit number from before 1999 (upgraded to 18 digits).
// - 81/82/83 prefixes are Hong Kong, Macao and Taiwan residents' residence permits; a leading 9 is the
//   2023 foreigners' permanent-residence card: format, date and check character are checked, not area.
import { areaCodes } from "./areas.js";
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
export function idCheckCharacter(first17) {
    let sum = 0;
    for (let i = 0; i < 17; i++)
        sum += Number(first17[i]) * WEIGHTS[i];
    return CHECK[sum % 11];
}
function realDate(y, m, d) {
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
export function checkIdNumber(raw, opts = {}) {
    const areas = opts.areas ?? areaCodes();
    const today = opts.today ?? new Date();
    const input = raw;
    const s = raw.trim();
    const problems = [];
    const fail = (code, message) => ({ input, normalised: null, valid: false, problems: [...problems, { code, severity: 'error', message }] });
    let id;
    let kind;
    if (/^\d{15}$/.test(s)) {
        // 15 digits (issued before 1999): YYMMDD from the 1900s, no check character.
        const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
        id = first17 + idCheckCharacter(first17);
        kind = 'legacy-15';
        problems.push({ code: 'legacy-15', severity: 'warning', message: `15-digit number upgraded to ${id}` });
    }
    else if (/^\d{17}[\dXx]$/.test(s)) {
        if (s.endsWith('x'))
            problems.push({ code: 'lowercase-x', severity: 'warning', message: 'check character written as lower-case x' });
        id = s.toUpperCase();
        kind = /^8[123]0000/.test(id) ? 'hk-macao-taiwan-permit' : id.startsWith('9') ? 'foreigner-permanent-residence' : 'resident';
    }
    else {
        return fail('format', 'not 18 characters (17 digits and a digit or X) nor 15 digits');
    }
    const y = Number(id.slice(6, 10));
    const m = Number(id.slice(10, 12));
    const d = Number(id.slice(12, 14));
    const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    if (!realDate(y, m, d) || y < 1800 || new Date(`${birthDate}T00:00:00Z`) > today)
        return fail('birth-date', `birth date ${birthDate} is not a real date in the past`);
    if (kind !== 'legacy-15' && idCheckCharacter(id.slice(0, 17)) !== id[17]) {
        return fail('checksum', `check character should be ${idCheckCharacter(id.slice(0, 17))}, not ${id[17]}`);
    }
    const code = id.slice(0, 6);
    let area = { code };
    if (kind === 'resident' || kind === 'legacy-15') {
        const province = areas.province(code.slice(0, 2));
        if (!province)
            return fail('province', `no province has code ${code.slice(0, 2)}`);
        const a = areas.area(code);
        if (!a)
            return fail('area', `area code ${code} is not in GB/T 2260`);
        area = { code, name: a.name, province };
        if (!areas.inForce(a, y)) {
            problems.push({ code: 'area-not-in-force', severity: 'warning', message: `area code ${code} (${a.name}) was in force ${a.from ?? '…'}–${a.to ?? '…'}, not in the birth year ${y}` });
        }
    }
    else if (kind === 'foreigner-permanent-residence') {
        // 9 + the province of the receiving office + nationality code …
        const province = areas.province(id.slice(1, 3));
        if (!province)
            return fail('province', `a permanent-residence number's digits 2–3 name no province (${id.slice(1, 3)})`);
        area = { code, province };
    }
    else if (kind === 'hk-macao-taiwan-permit') {
        area = { code, province: areas.province(code.slice(0, 2)) };
    }
    return {
        input,
        normalised: id,
        valid: true,
        kind,
        birthDate,
        gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
        area,
        problems,
    };
}
/** Age in whole years on a date (for age limits such as Qidong's teachers ≤ 70). */
export function ageOn(birthDate, onDate) {
    const [by, bm, bd] = birthDate.split('-').map(Number);
    const [y, m, d] = onDate.split('-').map(Number);
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
/**
 * Letters OCR returns for digits, each with the digit it was. Only letters: a letter in a digit position is
 * certainly wrong, whereas swapping one digit for another could make a wrong number pass the check.
 */
const CONFUSABLE = { O: ['0'], D: ['0'], Q: ['0'], U: ['0'], I: ['1'], L: ['1'], T: ['7'], Z: ['2'], S: ['5'], B: ['8'], G: ['6'], A: ['4'] };
/**
 * An ID number as OCR read it, with one confusable character repaired when exactly one repair makes the
 * check character agree. Says what it changed, so the field can be flagged for review.
 */
export function repairIdNumber(read, charConfidence, charAlternatives) {
    const s = read.replace(/\s+/g, '').toUpperCase();
    if (s.length === 17)
        return repairCollapsed(s);
    if (s.length !== 18)
        return null;
    if (checkIdNumber(s).valid)
        return { value: s };
    const doubtful = charConfidence?.length === 18 ? repairDoubtful(s, charConfidence) : null;
    if (doubtful)
        return doubtful;
    const second = charConfidence?.length === 18 && charAlternatives?.length === 18 ? repairFromAlternatives(s, charConfidence, charAlternatives) : null;
    if (second)
        return second;
    const candidates = [];
    for (let i = 0; i < 18; i++) {
        const tos = i === 17 ? [...(CONFUSABLE[s[i]] ?? []), ...(s[i] === 'K' || s[i] === '×' ? ['X'] : [])] : CONFUSABLE[s[i]] ?? [];
        for (const to of tos) {
            const v = s.slice(0, i) + to + s.slice(i + 1);
            if (checkIdNumber(v).valid)
                candidates.push({ value: v, position: i + 1, from: s[i], to });
        }
    }
    const pick = candidates.length === 1 ? candidates[0] : undefined;
    return pick ? { value: pick.value, repaired: { position: pick.position, from: pick.from, to: pick.to } } : null;
}
/** Below this the recogniser was unsure of a character. */
const DOUBT = 0.8;
/**
 * Seventeen characters where eighteen were written: the recogniser (CTC) writes a doubled digit once
 * when it sees no gap between the two (…1116… read …116…). Doubling each digit in turn, the check
 * character must agree for exactly one of the numbers so made.
 */
function repairCollapsed(s) {
    if (!/^\d{16}[\dX]$/.test(s))
        return null;
    const fits = new Map();
    for (let i = 0; i < 17; i++) {
        const v = s.slice(0, i + 1) + s[i] + s.slice(i + 1);
        if (/^\d{17}[\dX]$/.test(v) && checkIdNumber(v).valid && !fits.has(v))
            fits.set(v, i);
    }
    if (fits.size !== 1)
        return null;
    const [value, i] = [...fits][0];
    return { value, repaired: { position: i + 2, from: '', to: s[i] } };
}
/**
 * Where the recogniser doubted exactly one character (a handwritten X read as 2, a 1 and a 7 alike) and
 * was sure of the other seventeen, the check character tells what that one must be. Any single position
 * can be made to agree, so the recogniser's doubt — not the check — picks the position; the caller flags
 * the repair for review.
 */
function repairDoubtful(s, p) {
    const doubted = p.flatMap((x, i) => (x < DOUBT ? [i] : []));
    if (doubted.length !== 1)
        return null;
    const i = doubted[0];
    const tos = [...'0123456789', ...(i === 17 ? ['X'] : [])].filter((c) => c !== s[i]);
    const fits = tos.map((to) => s.slice(0, i) + to + s.slice(i + 1)).filter((v) => checkIdNumber(v).valid);
    return fits.length === 1 ? { value: fits[0], repaired: { position: i + 1, from: s[i], to: fits[0][i] } } : null;
}
/** Below this the recogniser's second thought at a character is not worth trying. */
const ALTERNATIVE_FLOOR = 0.02;
/**
 * Where the recogniser doubted several characters (a quick hand), each doubted character's own second
 * readings — not every digit — are tried one at a time; exactly one of them must make the check character
 * agree. The recogniser's alternatives, not the check, say what a character could be; the caller flags
 * the repair for review.
 */
function repairFromAlternatives(s, p, alts) {
    const fits = new Map();
    p.forEach((x, i) => {
        if (x >= DOUBT)
            return;
        for (const [alt, q] of alts[i] ?? []) {
            const to = alt.toUpperCase() === '×' ? 'X' : alt.toUpperCase();
            if (q < ALTERNATIVE_FLOOR || to === s[i] || !(i === 17 ? /^[0-9X]$/ : /^[0-9]$/).test(to))
                continue;
            const v = s.slice(0, i) + to + s.slice(i + 1);
            if (checkIdNumber(v).valid)
                fits.set(v, { position: i + 1, from: s[i], to });
        }
    });
    if (fits.size !== 1)
        return null;
    const [value, repaired] = [...fits][0];
    return { value, repaired };
}
//# sourceMappingURL=id-number.js.map