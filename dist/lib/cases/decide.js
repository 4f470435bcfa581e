export function decide(findings) {
    const outcomes = new Set(findings.filter((f) => f.severity === 'error' || ['WARNING', 'HOURS_INVALID', 'EXIT'].includes(f.outcome)).map((f) => f.outcome));
    if (outcomes.has('REJECT') || outcomes.has('RETURN') || outcomes.has('LATE_REJECT'))
        return 'rejected';
    // A rescan and missing documents are both asked for in one supplement notice (Shaoxing: 告知补充材料（一次）).
    if (outcomes.has('SUPPLEMENT_ONCE') || outcomes.has('RESCAN'))
        return 'supplement-required';
    if (outcomes.has('WARNING') || outcomes.has('HOURS_INVALID') || outcomes.has('EXIT'))
        return 'warning';
    return 'accepted';
}
export const OUTCOME_LABEL_ZH = {
    accepted: '予以受理',
    'supplement-required': '补正材料',
    rejected: '不予受理',
    warning: '书面警告',
};
//# sourceMappingURL=decide.js.map