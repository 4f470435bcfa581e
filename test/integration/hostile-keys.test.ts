// Object keys as S3 delivers them, whatever the uploader sent: ".." and "." segments, empty segments,
// and keys that name no city. S3 takes them literally; the pipeline must answer each one the city can
// answer and never read or write outside the packet the key names.
import { describe, expect, it } from 'vitest';
import { LOCAL_NAMES } from '../../lib/config.ts';
import { handleSqsEvent } from '../../functions/intake.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { processUpload, type PipelineDeps } from '../../lib/cases/intake/index.ts';
import { encodeEventKey } from '../../lib/cases/upload-key.ts';
import { signOff } from '../../lib/cases/review.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };

async function setup() {
  const objects = new MemoryObjectStore();
  const cases = new MemoryCaseStore();
  const deps: PipelineDeps = { objects, cases, ocr: readsNothing, clock: { now: () => new Date('2026-11-22T02:00:00Z') }, names: LOCAL_NAMES };
  const pdf = await bornDigitalApplication({ institutionName: '绍兴市测试职业培训学校', className: '电工（四级）第1期', classCode: 'SX2026-001', startDate: '2027-06-01', traineeCount: 20 });
  return { objects, cases, deps, pdf };
}

describe('hostile object keys', () => {
  for (const key of ['incoming/shaoxing/inst/../../responses/x.pdf', 'incoming/shaoxing/./pkt/x.pdf', 'incoming/shaoxing//pkt/x.pdf', 'incoming/shaoxing/inst/pkt']) {
    it(`"${key}" is refused with a case; its 不予受理, signed off, is written under the case only`, async () => {
      const { objects, cases, deps, pdf } = await setup();
      await objects.put(LOCAL_NAMES.intakeBucket, key, pdf, 'application/pdf');
      const r = await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key }, deps);
      expect(r.status).toBe('created');
      if (r.status !== 'created') return;
      expect(r.case.outcome).toBe('rejected');
      expect(r.case.jurisdiction).toBe('shaoxing');
      expect(r.case.uploads.map((u) => u.key)).toEqual([key]);
      expect(r.case.findings.map((f) => f.ruleId)).toEqual(['INTAKE-UPLOAD-PATH']);
      expect(r.case.findings[0]!.message).toContain(key);
      // A refusal waits for a reviewer; signed off, its notice goes under the case's own prefix, never
      // where the key's ".." points.
      expect(r.case.status).toBe('under-review');
      expect(await objects.list(LOCAL_NAMES.responsesBucket, '')).toEqual([]);
      await signOff(deps, { role: 'reviewer', user: 'r1', jurisdictions: ['shaoxing'] }, r.case.caseId, { revision: 1 });
      const written = (await objects.list(LOCAL_NAMES.responsesBucket, '')).map((o) => o.key);
      expect(written).toEqual([`responses/shaoxing/${r.case.caseId}/rejection-r2.pdf`]);
      expect(cases.cases.size).toBe(1);
    });
  }

  it('a key that names no city fails to the dead-letter queue with the reason, and makes no case', async () => {
    const { objects, cases, deps, pdf } = await setup();
    const key = 'incoming/atlantis/inst/pkt/x.pdf';
    await objects.put(LOCAL_NAMES.intakeBucket, key, pdf, 'application/pdf');
    const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: LOCAL_NAMES.intakeBucket }, object: { key: encodeEventKey(key) } } }] });
    const r = await handleSqsEvent({ Records: [{ messageId: 'm1', body }] }, deps);
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(r.errors[0]!.error).toMatch(/names no known jurisdiction \("atlantis"/);
    expect(cases.cases.size).toBe(0);
  });
});
