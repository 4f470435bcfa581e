// Stage 1, assemble: an object arrived → its packet (this object alone, or every file under its packet
// prefix once the last has come), its uploads' identities, the case number they give, and intake's own
// findings about the upload. A packet that already has its case stops here.
import { META_PACKET_FILES } from "../../config.js";
import { chinaDate } from "../../calendar/index.js";
import { MAX_FILE_BYTES } from "../../extract/index.js";
import { caseIdFor } from "../case-number.js";
import { BadUploadKeyError, jurisdictionOfKey, parseUploadKey } from "../upload-key.js";
import { intakeFinding } from "./deps.js";
/** More files than this in one packet is a mistake in the upload, not a packet. */
export const MAX_PACKET_FILES = 100;
/** What is read of a file too large to read: enough to tell a video by its header. */
const HEADER_BYTES = 64 * 1024;
/** Where the upload belongs. A path that names a city but not a valid institution/packet/file still gets an answer from that city. */
function locate(key) {
    try {
        return { where: parseUploadKey(key), badPath: false, findings: [] };
    }
    catch (e) {
        // One that names no city has no bureau to answer it and fails to the dead-letter queue (alarmed).
        const jurisdiction = jurisdictionOfKey(key);
        if (!(e instanceof BadUploadKeyError) || !jurisdiction)
            throw e;
        const finding = intakeFinding('INTAKE-UPLOAD-PATH', 'REJECT', `上传路径“${key}”不符合 incoming/{地区}/{机构}/{批次}/{文件} 的格式（不得含“.”或“..”路径段或空段），材料未予受理，请按正确路径重新上传。`, '上传路径须为 incoming/{地区}/{机构}/{批次}/{文件}', key);
        return { where: { jurisdiction, institution: 'unknown', packet: 'unknown', file: key, packetPrefix: key }, badPath: true, findings: [finding] };
    }
}
/** How many files the uploader said make the packet (absent: one), or a warning when it said something impossible. */
function declaredFileCount(declared, file) {
    if (declared === undefined)
        return { want: 1 };
    const n = Number(declared.trim());
    if (Number.isInteger(n) && n >= 1 && n <= MAX_PACKET_FILES)
        return { want: n };
    return {
        want: 1,
        finding: intakeFinding('INTAKE-PACKET-FILES', 'WARNING', `上传时声明的文件数“${declared.slice(0, 20)}”无效（应为1至${MAX_PACKET_FILES}的整数），本文件已作为单独一批材料受理。`, `一批材料的文件数为1至${MAX_PACKET_FILES}个`, file),
    };
}
export async function assemble(event, deps) {
    const { where, badPath, findings } = locate(event.key);
    const first = await deps.objects.head(event.bucket, event.key);
    const count = badPath ? { want: 1 } : declaredFileCount(first.metadata[META_PACKET_FILES], where.file);
    if (count.finding)
        findings.push(count.finding);
    let keys = [event.key];
    if (count.want > 1) {
        const listed = (await deps.objects.list(event.bucket, where.packetPrefix)).sort((a, b) => a.key.localeCompare(b.key));
        if (listed.length < count.want) {
            deps.log?.('packet incomplete, waiting for more files', { have: listed.length, want: count.want });
            return { status: 'waiting', have: listed.length, want: count.want };
        }
        keys = listed.slice(0, count.want).map((o) => o.key);
    }
    const objects = await fetchAll(event, first, keys, deps.objects);
    const uploads = objects.map(({ key, obj, size }) => ({ bucket: event.bucket, key, etag: obj.etag, ...(obj.versionId ? { versionId: obj.versionId } : {}), size }));
    const received = objects.reduce((latest, o) => (o.obj.lastModified > latest ? o.obj.lastModified : latest), new Date(0));
    const files = objects.map(({ key, obj, size, partial }) => ({
        key,
        name: badPath ? key : key.slice(where.packetPrefix.length),
        bytes: obj.bytes,
        ...(partial ? { size } : {}),
    }));
    return {
        status: 'ready',
        packet: {
            caseId: caseIdFor(where.jurisdiction, String(received.getUTCFullYear()), uploads),
            where, badPath, declared: first.metadata, uploads, files, receivedOn: chinaDate(received), findings,
        },
    };
}
/** Sizes first: a file larger than the pipeline reads is fetched only as far as its header. */
async function fetchAll(event, first, keys, objects) {
    const heads = await Promise.all(keys.map(async (key) => ({ key, head: key === event.key ? first : await objects.head(event.bucket, key) })));
    return Promise.all(heads.map(async ({ key, head }) => {
        const partial = head.size > MAX_FILE_BYTES;
        const obj = await objects.get(event.bucket, key, partial ? { firstBytes: HEADER_BYTES } : {});
        return { key, obj: { ...obj, etag: head.etag, versionId: head.versionId ?? obj.versionId }, size: head.size, partial };
    }));
}
//# sourceMappingURL=assemble.js.map