/** The field a correction addresses, or undefined when the document, table or row is not there. */
export function fieldAt(documents, c) {
    const doc = documents[c.document];
    if (!doc)
        return undefined;
    if (c.table === undefined)
        return { holder: doc.fields, field: doc.fields[c.field] };
    const row = doc.tables?.[c.table]?.[c.row ?? -1];
    return row ? { holder: row, field: row[c.field] } : undefined;
}
export function applyCorrections(documents, corrections) {
    if (!corrections?.length)
        return documents;
    const out = structuredClone(documents);
    for (const c of corrections) {
        const at = fieldAt(out, c);
        if (!at)
            continue;
        const { review: _review, ...rest } = at.field ?? { value: null };
        // A person's reading is as sure as the pipeline gets; the review note no longer applies.
        at.holder[c.field] = { ...rest, value: c.to, confidence: 1, correctedBy: c.by };
    }
    return out;
}
//# sourceMappingURL=corrections.js.map