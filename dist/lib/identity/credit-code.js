// GB 32100-2015 unified social credit codes (统一社会信用代码) of institutions and enterprises.
//
// Policy: a wrong length or character is an error. A check character that does not follow GB 32100 is an
// error too, except for codes from the early Fujian pilot (registration authority 9, class 1, area 35…,
// subject code beginning M), several of which were genuinely issued with non-standard check characters:
// those are valid with a warning, so the case goes to a reviewer who checks the registry instead of
// being refused.
import { areaCodes } from "./areas.js";
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function creditCodeCheckCharacter(first17) {
    let sum = 0;
    for (let i = 0; i < 17; i++)
        sum += CHARS.indexOf(first17[i]) * WEIGHTS[i];
    return CHARS[(31 - (sum % 31)) % 31];
}
export function checkCreditCode(raw, opts = {}) {
    const areas = opts.areas ?? areaCodes();
    // Printed codes are often grouped with spaces or dashes (91 110000 600037341L).
    const s = raw.replace(/[\s-]+/g, '').toUpperCase();
    if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) {
        return { input: raw, normalised: null, valid: false, problems: [{ code: 'format', severity: 'error', message: '18 characters: two of 0-9/A-Y (no I, O, S, V, Z), six digits of area, ten of 0-9/A-Y' }] };
    }
    const problems = [];
    const expected = creditCodeCheckCharacter(s.slice(0, 17));
    if (expected !== s[17]) {
        const pilot = /^91350\d{3}M/.test(s);
        problems.push(pilot
            ? { code: 'pilot-checksum', severity: 'warning', message: `check character ${s[17]} does not follow GB 32100 (${expected} expected); an early Fujian pilot code — verify with the registry` }
            : { code: 'checksum', severity: 'error', message: `check character should be ${expected}, not ${s[17]}` });
    }
    const code = s.slice(2, 8);
    const a = areas.area(code);
    const area = { code, name: a?.name, province: areas.province(code.slice(0, 2)) };
    if (!area.province)
        problems.push({ code: 'area', severity: 'warning', message: `area code ${code} names no province in GB/T 2260` });
    return { input: raw, normalised: s, valid: !problems.some((p) => p.severity === 'error'), problems, area };
}
//# sourceMappingURL=credit-code.js.map