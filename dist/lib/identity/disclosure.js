/** GB 11643's own example 110105·19491231·002X → 110105********002X (birth date hidden, as public notices do). */
export function maskIdNumber(id) {
    const s = id.trim();
    if (s.length === 18)
        return `${s.slice(0, 6)}********${s.slice(14)}`;
    if (s.length === 15)
        return `${s.slice(0, 6)}******${s.slice(12)}`;
    return s.length > 4 ? `${'*'.repeat(s.length - 4)}${s.slice(-4)}` : '****';
}
/** 13857512345 → 138****2345 */
export function maskPhone(phone) {
    const s = phone.trim();
    if (/^1\d{10}$/.test(s))
        return `${s.slice(0, 3)}****${s.slice(7)}`;
    return s.length > 4 ? `${'*'.repeat(s.length - 4)}${s.slice(-4)}` : '****';
}
/** A field's value as it may be disclosed: by the field's key (idNumber, phone, legalRepresentativePhone …). */
export function disclosedValue(key, value) {
    if (typeof value !== 'string')
        return value;
    if (/idNumber/i.test(key))
        return maskIdNumber(value);
    if (/phone/i.test(key))
        return maskPhone(value);
    return value;
}
function disclosedField(key, f) {
    const value = disclosedValue(key, f.value);
    return value === f.value ? f : { ...f, value: value };
}
/** A case as the console, the bureau's events and exports show it: every ID number and phone masked. */
export function disclosedCase(c) {
    const documents = c.documents.map((d) => ({
        ...d,
        fields: Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, disclosedField(k, f)])),
        tables: d.tables
            ? Object.fromEntries(Object.entries(d.tables).map(([t, rows]) => [t, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, f]) => [k, disclosedField(k, f)])))]))
            : undefined,
    }));
    return { ...c, documents };
}
/** Any ID-number-shaped string left anywhere in a value that leaves the system (a field with another name) is masked too. */
export function withoutStrayIdNumbers(value) {
    return JSON.parse(JSON.stringify(value).replace(/(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9])/g, '$1********$2'));
}
//# sourceMappingURL=disclosure.js.map