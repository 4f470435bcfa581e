// Stage 1, assemble: an object arrived → its packet (this object alone, or every file under its packet
// prefix once the last has come), its uploads' identities, the case number they give, and intake's own
// findings about the upload. A packet that already has its case stops here.
import { META_CLASS, META_PACKET_FILES, META_RECEIVED } from '../../config.ts';
import { chinaDate } from '../../calendar/index.ts';
import type { Finding, Upload } from '../../domain/schemas.ts';
import { MAX_FILE_BYTES, type PacketFile } from '../../extract/index.ts';
import { caseIdFor } from '../case-number.ts';
import type { ObjectHead, StoredObject } from '../ports.ts';
import { BadUploadKeyError, jurisdictionOfKey, parseUploadKey, type UploadKey } from '../upload-key.ts';
import { intakeFinding, type PipelineDeps, type UploadEvent } from './deps.ts';

/** More files than this in one packet is a mistake in the upload, not a packet. */
export const MAX_PACKET_FILES = 100;
/** What is read of a file too large to read: enough to tell a video by its header. */
const HEADER_BYTES = 64 * 1024;

export interface Packet {
  caseId: string;
  where: UploadKey;
  /** The path names no institution or packet: answered from its city, without its rules. */
  badPath: boolean;
  /** The first object's head: what the uploader declared (x-amz-meta-…). */
  declared: Record<string, string>;
  uploads: Upload[];
  files: (PacketFile & { key: string })[];
  /** The China date the packet was received (deadlines count from it; notices are dated by it): the last file's arrival, or the day a back-filed packet declares. */
  receivedOn: string;
  /** A paper packet filed later: the day it arrived in the bucket (receivedOn is the declared day). */
  backFiled?: { arrivedOn: string };
  /** The class the uploader named (x-amz-meta-class). */
  classCode?: string;
  findings: Finding[];
}

export type Assembly = { status: 'ready'; packet: Packet } | { status: 'waiting'; have: number; want: number };

/** Where the upload belongs. A path that names a city but not a valid institution/packet/file still gets an answer from that city. */
function locate(key: string): { where: UploadKey; badPath: boolean; findings: Finding[] } {
  try {
    return { where: parseUploadKey(key), badPath: false, findings: [] };
  } catch (e) {
    // One that names no city has no bureau to answer it and fails to the dead-letter queue (alarmed).
    const jurisdiction = jurisdictionOfKey(key);
    if (!(e instanceof BadUploadKeyError) || !jurisdiction) throw e;
    const finding = intakeFinding(
      'INTAKE-UPLOAD-PATH',
      'REJECT',
      `上传路径“${key}”不符合 incoming/{地区}/{机构}/{批次}/{文件} 的格式（不得含“.”或“..”路径段或空段），材料未予受理，请按正确路径重新上传。`,
      '上传路径须为 incoming/{地区}/{机构}/{批次}/{文件}',
      key,
    );
    return { where: { jurisdiction, institution: 'unknown', packet: 'unknown', file: key, packetPrefix: key }, badPath: true, findings: [finding] };
  }
}

/** How many files the uploader said make the packet (absent: one), or a warning when it said something impossible. */
function declaredFileCount(declared: string | undefined, file: string): { want: number; finding?: Finding } {
  if (declared === undefined) return { want: 1 };
  const n = Number(declared.trim());
  if (Number.isInteger(n) && n >= 1 && n <= MAX_PACKET_FILES) return { want: n };
  return {
    want: 1,
    finding: intakeFinding(
      'INTAKE-PACKET-FILES',
      'WARNING',
      `上传时声明的文件数“${declared.slice(0, 20)}”无效（应为1至${MAX_PACKET_FILES}的整数），本文件已作为单独一批材料受理。`,
      `一批材料的文件数为1至${MAX_PACKET_FILES}个`,
      file,
    ),
  };
}

/**
 * The packet an upload belongs to, once all its declared files are in — or, `overdue`, with the files that
 * came, and a finding that names what is missing (its wait is over: lib/cases/intake/overdue.ts).
 */
export async function assemble(event: UploadEvent, deps: Pick<PipelineDeps, 'objects' | 'log'>, opts: { overdue?: { waitedHours: number } } = {}): Promise<Assembly> {
  const { where, badPath, findings } = locate(event.key);
  const first = await deps.objects.head(event.bucket, event.key);
  const count = badPath ? { want: 1 } : declaredFileCount(first.metadata[META_PACKET_FILES], where.file);
  if (count.finding) findings.push(count.finding);

  let keys = [event.key];
  if (count.want > 1) {
    const listed = (await deps.objects.list(event.bucket, where.packetPrefix)).sort((a, b) => a.key.localeCompare(b.key));
    if (listed.length < count.want && !opts.overdue) {
      deps.log?.('packet incomplete, waiting for more files', { have: listed.length, want: count.want });
      return { status: 'waiting', have: listed.length, want: count.want };
    }
    keys = listed.slice(0, count.want).map((o) => o.key);
    if (listed.length < count.want) {
      findings.push(intakeFinding(
        'INTAKE-PACKET-INCOMPLETE',
        'SUPPLEMENT_ONCE',
        `上传时声明本批材料共${count.want}个文件，等待${opts.overdue!.waitedHours}小时后仅收到${listed.length}个（${listed.map((o) => o.key.slice(where.packetPrefix.length)).join('、')}），其余${count.want - listed.length}个未到。已收到的材料照常审核；请将缺少的文件补齐后提交。`,
        '一批材料的文件未在规定时间内到齐的，按已收到的材料受理并告知补齐',
        where.file,
      ));
    }
  }
  const objects = await fetchAll(event, first, keys, deps.objects);
  const uploads: Upload[] = objects.map(({ key, obj, size }) => ({ bucket: event.bucket, key, etag: obj.etag, ...(obj.versionId ? { versionId: obj.versionId } : {}), size }));
  const received = objects.reduce((latest, o) => (o.obj.lastModified > latest ? o.obj.lastModified : latest), new Date(0));
  const files = objects.map(({ key, obj, size, partial }) => ({
    key,
    name: badPath ? key : key.slice(where.packetPrefix.length),
    bytes: obj.bytes,
    ...(partial ? { size } : {}),
  }));
  const arrivedOn = chinaDate(received);
  const backFiled = declaredReceived(first.metadata[META_RECEIVED], arrivedOn, where.file);
  if (backFiled.finding) findings.push(backFiled.finding);
  const classCode = declaredClass(first.metadata[META_CLASS]);
  return {
    status: 'ready',
    packet: {
      caseId: caseIdFor(where.jurisdiction, String(received.getUTCFullYear()), uploads),
      where, badPath, declared: first.metadata, uploads, files, findings,
      receivedOn: backFiled.on ?? arrivedOn,
      ...(backFiled.on ? { backFiled: { arrivedOn } } : {}),
      ...(classCode ? { classCode } : {}),
    },
  };
}

/** The day a back-filed paper packet was received: a real date, not after it reached the bucket. */
function declaredReceived(declared: string | undefined, arrivedOn: string, file: string): { on?: string; finding?: Finding } {
  if (declared === undefined || declared.trim() === '') return {};
  const d = declared.trim();
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d && d >= '2000-01-01';
  if (valid && d <= arrivedOn) return { on: d };
  return {
    finding: intakeFinding(
      'INTAKE-RECEIVED-DATE',
      'FLAG',
      `上传时声明的收件日期“${d.slice(0, 20)}”${valid ? '晚于材料实际上传日期' : '不是有效日期（应为YYYY-MM-DD）'}，已按上传日期${arrivedOn}受理。`,
      '补录纸质材料时，收件日期为人社部门实际收到材料之日，不得晚于上传之日',
      file,
    ),
  };
}

/** A class code as the uploader wrote it: trimmed, without spaces; nothing when it cannot be one. */
function declaredClass(declared: string | undefined): string | undefined {
  let code = declared?.replace(/\s+/g, '');
  try {
    code = code && decodeURIComponent(code); // metadata is ASCII on the wire; a Chinese code comes percent-encoded
  } catch {
    /* taken as written */
  }
  return code && code.length <= 64 && !/[\u0000-\u001f/\\]/.test(code) ? code : undefined;
}

/** Sizes first: a file larger than the pipeline reads is fetched only as far as its header. */
async function fetchAll(event: UploadEvent, first: ObjectHead, keys: string[], objects: PipelineDeps['objects']) {
  const heads = await Promise.all(keys.map(async (key) => ({ key, head: key === event.key ? first : await objects.head(event.bucket, key) })));
  return Promise.all(
    heads.map(async ({ key, head }) => {
      const partial = head.size > MAX_FILE_BYTES;
      const obj: StoredObject = await objects.get(event.bucket, key, partial ? { firstBytes: HEADER_BYTES } : {});
      return { key, obj: { ...obj, etag: head.etag, versionId: head.versionId ?? obj.versionId }, size: head.size, partial };
    }),
  );
}
