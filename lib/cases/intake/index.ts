// Intake, the use case behind the upload bucket: an object arrived → (once its packet is complete) one
// case, judged, answered and stored. The stages, in order:
//   1 assemble    the packet's files, the case number they give, the upload's own findings
//   2 extract     documents with typed fields; what cannot be read asks for a rescan
//   3 adjudicate  the city's rules and the class's and institution's history → findings, outcome
//   4 respond     the notice, the packet stamped 收件, a filing's agreement
//   5 record      the case, its audit trail and person index in one transaction; then published to the bureau
// Idempotent on the packet's objects: the case number is derived from their (bucket, key, ETag/version),
// so a duplicate or replayed event finds the case and makes no second one.
import { adjudicate } from '../adjudicate.ts';
import { publishCase } from '../events.ts';
import { readCase } from '../records.ts';
import { trackReading, type ReadingTracker } from '../reading.ts';
import { parseUploadKey } from '../upload-key.ts';
import { assemble, type Packet } from './assemble.ts';
import type { PipelineDeps, PipelineStage, ProcessResult, UploadEvent } from './deps.ts';
import { extract } from './extract.ts';
import { caseRecord, record } from './record.ts';
import { respond } from './respond.ts';

export { PIPELINE_STAGES, type PipelineDeps, type PipelineStage, type ProcessResult, type UploadEvent } from './deps.ts';

export async function processUpload(event: UploadEvent, deps: PipelineDeps, opts: { overdue?: { waitedHours: number } } = {}): Promise<ProcessResult> {
  const log = deps.log ?? (() => {});
  const mark = (stage: PipelineStage) => deps.trace?.(stage, event.key);
  mark('started');

  const assembly = await assemble(event, deps, opts);
  if (assembly.status === 'waiting') {
    // Remembered, so that a packet whose last files never come is still answered (overdue.ts).
    const where = parseUploadKey(event.key);
    await deps.cases.putPending({ bucket: event.bucket, packetPrefix: where.packetPrefix, key: event.key, jurisdiction: where.jurisdiction, want: assembly.want });
    return assembly;
  }
  const { packet } = assembly;
  if (!packet.badPath) await deps.cases.endPending(event.bucket, packet.where.packetPrefix);
  const existing = await readCase(deps.cases, packet.caseId);
  if (existing) {
    log('duplicate event, case exists', { caseId: packet.caseId });
    // A worker stopped between storing the case and ending its reading entry: end it now.
    await deps.cases.endReading(packet.where.jurisdiction, packet.caseId);
    // Published again: the first worker may have stopped between storing the case and publishing it.
    // The event id is the same, so the bureau's system keeps one.
    await publishCase(deps.events, existing);
    return { status: 'duplicate', caseId: packet.caseId };
  }
  mark('assembled');

  // The console shows the packet and its progress until its case is stored.
  const reading = await trackReading(deps.cases, deps.clock, packet, deps.log);
  try {
    return await judgeAndAnswer(event, packet, reading, deps);
  } finally {
    await reading.end();
  }
}

async function judgeAndAnswer(event: UploadEvent, packet: Packet, reading: ReadingTracker, deps: PipelineDeps): Promise<ProcessResult> {
  const log = deps.log ?? (() => {});
  const mark = (stage: PipelineStage) => deps.trace?.(stage, event.key);
  const onPage = (p: { file: string; page: number; pages: number }) => {
    reading.page(p);
    deps.onPage?.(p);
  };
  const read = await extract(packet, event.bucket, { ...deps, onPage });
  mark('extracted');

  const now = deps.clock.now();
  const adjudication = await adjudicate(deps, {
    subject: { caseId: packet.caseId, jurisdiction: packet.where.jurisdiction, institution: packet.where.institution, submissionType: read.submissionType, receivedOn: packet.receivedOn, facts: read.facts },
    extraction: read.extraction,
    before: read.findings,
    at: now,
    rulesApply: !packet.badPath,
  });
  mark('adjudicated');

  const pdfs = await respond(packet, read, adjudication, deps);
  mark('responded');

  const c = caseRecord(packet, read, adjudication, pdfs, now);
  if ((await record(c, adjudication, deps)) === 'duplicate') {
    log('concurrent duplicate, the other worker made the case', { caseId: c.caseId });
    return { status: 'duplicate', caseId: c.caseId };
  }
  mark('stored');
  await publishCase(deps.events, c);
  log('case created', { caseId: c.caseId, outcome: c.outcome, findings: c.findings.length, pages: c.pageCount });
  return { status: 'created', case: c };
}
