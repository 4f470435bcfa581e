// The operations dashboard's own counts (issue 22): inside Lambda the intake handler writes CloudWatch
// embedded metrics (namespace Intake) for each case it makes — pages read, cases by outcome, held for a
// reviewer, seconds taken; outside Lambda (the embedded stack, the CLI) it writes none to stdout.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { PipelineDeps } from '../../lib/cases/intake/index.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { filledForm } from '../corpus/filled-forms.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };

async function oneUpload(): Promise<{ deps: PipelineDeps; event: unknown }> {
  const objects = new MemoryObjectStore();
  const deps: PipelineDeps = { objects, cases: new MemoryCaseStore(), ocr: readsNothing, clock: { now: () => new Date('2026-12-07T02:00:00Z') }, names: LOCAL_NAMES };
  const key = 'incoming/zibo/inst-zb-metrics/filing-1/申报表.pdf';
  const form = await filledForm('zibo', 'institution-application', { 'f.institutionName': '淄博市张店区鲁中职业培训学校' });
  await objects.put(LOCAL_NAMES.intakeBucket, key, form, 'application/pdf', { 'submission-type': 'institution-filing' });
  const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: LOCAL_NAMES.intakeBucket }, object: { key: encodeURIComponent(key) } } }] });
  return { deps, event: { Records: [{ messageId: 'm-1', body }] } };
}

/** What the handler wrote to stdout while it ran, as JSON lines. */
async function stdoutOf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
  try {
    await run();
  } finally {
    spy.mockRestore();
    log.mockRestore();
  }
  return lines.flatMap((l) => l.split('\n')).filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the intake handler\'s metrics', () => {
  it('inside Lambda: pages read, the case by its outcome and the seconds it took, in the Intake namespace', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'intake-test');
    const { handleSqsEvent } = await import('../../functions/intake.ts');
    const { deps, event } = await oneUpload();
    const emitted = (await stdoutOf(() => handleSqsEvent(event, deps))).filter((l) => l._aws);
    const names = emitted.flatMap((l) => (l._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] }).CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => `${m.Namespace}/${x.Name}`)));
    expect(names).toEqual(expect.arrayContaining(['Intake/PagesRead', 'Intake/PacketSeconds', 'Intake/CasesDecided']));
    const decided = emitted.find((l) => 'CasesDecided' in l)!;
    expect(decided).toMatchObject({ CasesDecided: 1, outcome: expect.stringMatching(/^(accepted|supplement-required|rejected|warning)$/), service: 'intake' });
    const [made] = await deps.cases.listCases({});
    expect(emitted.find((l) => 'PagesRead' in l)).toMatchObject({ PagesRead: (await deps.cases.getCase(made!.caseId))!.pageCount });
  });

  it('outside Lambda (the embedded stack, the CLI): nothing on stdout', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    const { handleSqsEvent } = await import('../../functions/intake.ts');
    const { deps, event } = await oneUpload();
    expect((await stdoutOf(() => handleSqsEvent(event, deps))).filter((l) => l._aws)).toEqual([]);
  });
});
