import { casePageImage } from "../cases/pages.js";
import { PRESIGN_SECONDS } from "../http/api.js";
const optional = (key, value) => (value === undefined ? {} : { [key]: value });
export function reviewDeps(p) {
    return { cases: p.cases, objects: p.objects, names: p.names, clock: p.clock, ...optional('personKeys', p.personKeys), ...optional('events', p.events) };
}
export function pipelineDeps(p) {
    return {
        objects: p.objects, cases: p.cases, ocr: p.ocr, clock: p.clock, names: p.names,
        ...optional('layout', p.layout), ...optional('personKeys', p.personKeys), ...optional('events', p.events),
        ...optional('log', p.log), ...optional('onPage', p.onPage), ...optional('trace', p.trace),
    };
}
export function apiDeps(p, o = {}) {
    return {
        cases: p.cases,
        clock: p.clock,
        presign: (bucket, key) => p.objects.presignGet(bucket, key, PRESIGN_SECONDS),
        ...(o.uploads === false ? {} : { presignUpload: (key, opts) => p.objects.presignPost(p.names.intakeBucket, key, opts) }),
        pageImage: (c, n) => casePageImage(p.objects, c, n),
        // Reviewers' corrections judge the case again and re-issue its notice, as intake would.
        review: reviewDeps(p),
    };
}
//# sourceMappingURL=services.js.map