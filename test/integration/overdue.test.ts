// A packet whose last files never come is answered (issue 20, 7): a packet declared as three files with one
// in waited for ever — no case, no answer. It now waits 24 hours from its last file, then is judged on what
// came, with a finding that names what did not; a packet whose files all came never waits.
import { describe, expect, it } from 'vitest';
import { processUpload, type PipelineDeps } from '../../lib/cases/intake/index.ts';
import { answerOverduePackets, PACKET_WAIT_HOURS } from '../../lib/cases/intake/overdue.ts';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { filledForm, rosterCells } from '../corpus/filled-forms.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };
const head = { 'f.institutionName': '启东市测试职业培训学校', 'f.classCode': 'QD-OVERDUE-1' };

describe('a packet whose last files never come', () => {
  it('waits for them, then is answered with what came and a finding naming what did not', async () => {
    const objects = new MemoryObjectStore();
    const cases = new MemoryCaseStore();
    let now = new Date();
    const deps: PipelineDeps = { objects, cases, ocr: readsNothing, clock: { now: () => now }, names: LOCAL_NAMES };
    const meta = { 'submission-type': 'class-opening', 'packet-files': '3' };
    const prefix = 'incoming/qidong/inst-qd/p-overdue/';
    await objects.put(LOCAL_NAMES.intakeBucket, `${prefix}1-申请表.pdf`, await filledForm('qidong', 'class-opening-application', { ...head, 'f.className': '电工（四级）1期' }), 'application/pdf', meta);
    await objects.put(LOCAL_NAMES.intakeBucket, `${prefix}2-花名册.pdf`, await filledForm('qidong', 'roster', { ...head, ...rosterCells([['张伟', '11010519491231002X']]) }), 'application/pdf', meta);
    expect(await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key: `${prefix}2-花名册.pdf` }, deps)).toMatchObject({ status: 'waiting', have: 2, want: 3 });
    expect(await cases.listPending()).toEqual([expect.objectContaining({ packetPrefix: prefix, want: 3, jurisdiction: 'qidong' })]);

    // An hour on: still within its wait.
    now = new Date(now.getTime() + 3_600_000);
    expect(await answerOverduePackets(deps)).toEqual({ answered: [], waiting: 1 });
    expect(cases.cases.size).toBe(0);

    // A day after its last file: answered.
    now = new Date(now.getTime() + PACKET_WAIT_HOURS * 3_600_000);
    const r = await answerOverduePackets(deps);
    expect(r.answered).toEqual([{ packetPrefix: prefix, result: 'created' }]);
    const [c] = [...cases.cases.values()];
    expect(c!.uploads.map((u) => u.key)).toEqual([`${prefix}1-申请表.pdf`, `${prefix}2-花名册.pdf`]);
    const missing = c!.findings.find((f) => f.ruleId === 'INTAKE-PACKET-INCOMPLETE');
    expect(missing?.message).toContain('共3个文件');
    expect(missing?.message).toContain('仅收到2个（1-申请表.pdf、2-花名册.pdf）');
    expect(c!.outcome).not.toBe('accepted');
    expect(await cases.listPending()).toEqual([]);
    // Answered once: the next sweep finds nothing to do.
    expect(await answerOverduePackets(deps)).toEqual({ answered: [], waiting: 0 });
  });

  it('a packet whose files all came leaves nothing waiting', async () => {
    const objects = new MemoryObjectStore();
    const cases = new MemoryCaseStore();
    const deps: PipelineDeps = { objects, cases, ocr: readsNothing, clock: { now: () => new Date() }, names: LOCAL_NAMES };
    const meta = { 'submission-type': 'class-opening', 'packet-files': '2' };
    const prefix = 'incoming/qidong/inst-qd/p-whole/';
    await objects.put(LOCAL_NAMES.intakeBucket, `${prefix}1-申请表.pdf`, await filledForm('qidong', 'class-opening-application', head), 'application/pdf', meta);
    expect((await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key: `${prefix}1-申请表.pdf` }, deps)).status).toBe('waiting');
    await objects.put(LOCAL_NAMES.intakeBucket, `${prefix}2-花名册.pdf`, await filledForm('qidong', 'roster', head), 'application/pdf', meta);
    expect((await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key: `${prefix}2-花名册.pdf` }, deps)).status).toBe('created');
    expect(await cases.listPending()).toEqual([]);
  });
});
