// What intake needs from outside, and what it answers. Built once by lib/wiring (AWS or the embedded stack).
import type { SignerFor } from '../../identity/signature.ts';
import type { StackNames } from '../../config.ts';
import type { CaseRecord, Finding } from '../../domain/schemas.ts';
import type { LayoutEngine } from '../../extract/layout/port.ts';
import type { OcrEngine } from '../../extract/ocr/port.ts';
import type { PersonKeyer } from '../../identity/person-key.ts';
import type { CaseEventPublisher } from '../events.ts';
import type { CaseStore, Clock, ObjectStore } from '../ports.ts';

export interface PipelineDeps {
  objects: ObjectStore;
  cases: CaseStore;
  ocr: OcrEngine;
  /** Tables, check boxes and signatures: intake's own analysis unless given (Textract on AWS, INTAKE_LAYOUT=textract). */
  layout?: LayoutEngine;
  clock: Clock;
  names: StackNames;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  onPage?: (p: { file: string; page: number; pages: number }) => void;
  /** Marks the end of each stage for one upload (the load script measures latency per stage with it; crash drills stop at one). */
  trace?: (stage: PipelineStage, key: string) => void;
  /** Keys cases by trainee (keyed hash of the ID number); without it no person index is kept. */
  personKeys?: PersonKeyer;
  /** Publishes each decided case to the bureau (EventBridge; locally an event log and a webhook). */
  events?: CaseEventPublisher;
  /** Signs what is issued in each bureau's name (PAdES); without it PDFs go out unsigned. */
  signers?: SignerFor;
}

/** The stages of intake, in order; each is marked when it ends. */
export const PIPELINE_STAGES = ['started', 'assembled', 'extracted', 'adjudicated', 'responded', 'stored'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface UploadEvent {
  bucket: string;
  /** Decoded object key. */
  key: string;
  etag?: string;
  versionId?: string;
}

export type ProcessResult =
  | { status: 'created'; case: CaseRecord }
  | { status: 'duplicate'; caseId: string }
  | { status: 'waiting'; have: number; want: number };

/** A finding of intake itself (the upload's path, its declared file count, a file that cannot be read). */
export function intakeFinding(ruleId: string, outcome: Finding['outcome'], message: string, quote: string, subject?: string): Finding {
  return {
    ruleId,
    severity: outcome === 'WARNING' ? 'warning' : outcome === 'FLAG' ? 'info' : 'error',
    outcome,
    message,
    source: { file: 'intake', section: '受理规则', quote },
    ...(subject ? { subject } : {}),
  };
}
