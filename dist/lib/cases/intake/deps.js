/** The stages of intake, in order; each is marked when it ends. */
export const PIPELINE_STAGES = ['started', 'assembled', 'extracted', 'adjudicated', 'responded', 'stored'];
/** A finding of intake itself (the upload's path, its declared file count, a file that cannot be read). */
export function intakeFinding(ruleId, outcome, message, quote, subject) {
    return {
        ruleId,
        severity: outcome === 'WARNING' ? 'warning' : 'error',
        outcome,
        message,
        source: { file: 'intake', section: '受理规则', quote },
        ...(subject ? { subject } : {}),
    };
}
//# sourceMappingURL=deps.js.map