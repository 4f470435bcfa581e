// Wiring in one place: the parts a deployment provides (stores, engines, keyer, publisher, clock) become
// the use cases' dependencies here, the same way on AWS (lib/wiring/aws.ts) and on the embedded stack
// (local/stack.ts). Nothing else assembles them.
import type { StackNames } from '../config.ts';
import type { CaseEventPublisher } from '../cases/events.ts';
import type { PipelineDeps } from '../cases/intake/index.ts';
import { casePageImage, casePagePreview } from '../cases/pages.ts';
import type { CaseStore, Clock, ObjectStore } from '../cases/ports.ts';
import type { ReviewDeps } from '../cases/review.ts';
import type { PresignUpload } from '../cases/uploads.ts';
import type { LayoutEngine } from '../extract/layout/port.ts';
import type { OcrEngine } from '../extract/ocr/port.ts';
import type { PersonKeyer } from '../identity/person-key.ts';
import type { SignerFor } from '../identity/signature.ts';
import { PRESIGN_SECONDS, type ApiDeps } from '../http/api.ts';

/** An object store that can also hand out presigned links (S3; s3rver locally). */
export interface PresigningObjectStore extends ObjectStore {
  presignGet(bucket: string, key: string, seconds: number): Promise<string>;
  presignPost(bucket: string, key: string, o: { maxBytes: number; metadata: Record<string, string> }): ReturnType<PresignUpload>;
}

export interface Parts {
  names: StackNames;
  objects: PresigningObjectStore;
  cases: CaseStore;
  clock: Clock;
  personKeys?: PersonKeyer;
  events?: CaseEventPublisher;
  /** The bureaus' signing keys (a local PKCS#12 each on the embedded stack). */
  signers?: SignerFor;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface PipelineParts extends Parts {
  ocr: OcrEngine;
  layout?: LayoutEngine;
  onPage?: PipelineDeps['onPage'];
  trace?: PipelineDeps['trace'];
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

export function reviewDeps(p: Parts): ReviewDeps {
  return { cases: p.cases, objects: p.objects, names: p.names, clock: p.clock, ...optional('personKeys', p.personKeys), ...optional('events', p.events), ...optional('signers', p.signers) };
}

export function pipelineDeps(p: PipelineParts): PipelineDeps {
  return {
    objects: p.objects, cases: p.cases, ocr: p.ocr, clock: p.clock, names: p.names,
    ...optional('layout', p.layout), ...optional('personKeys', p.personKeys), ...optional('events', p.events), ...optional('signers', p.signers),
    ...optional('log', p.log), ...optional('onPage', p.onPage), ...optional('trace', p.trace),
  };
}

export function apiDeps(p: Parts, o: { uploads?: boolean } = {}): ApiDeps {
  return {
    cases: p.cases,
    clock: p.clock,
    presign: (bucket, key) => p.objects.presignGet(bucket, key, PRESIGN_SECONDS),
    ...(o.uploads === false ? {} : { presignUpload: (key: string, opts: { maxBytes: number; metadata: Record<string, string> }) => p.objects.presignPost(p.names.intakeBucket, key, opts) }),
    pageImage: (c, n) => casePageImage(p.objects, c, n),
    pagePreview: (c, n) => casePagePreview(p.objects, p.names.responsesBucket, c, n),
    objects: p.objects,
    // Reviewers' corrections judge the case again and re-issue its notice, as intake would.
    review: reviewDeps(p),
  };
}
