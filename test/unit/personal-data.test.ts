// Trainees' ID numbers and phones: sealed at rest field by field, opened only with the stack's key, and
// shown whole only to a reviewer or the bureau who says why — each view in the case's audit trail (issue 20, 9).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/cases/access.ts';
import type { CaseRecord } from '../../lib/domain/schemas.ts';
import { handleApi, type ApiDeps } from '../../lib/http/api.ts';
import { FieldSealer, isSealed, openPersonalData, SealedDataError, sealPersonalData } from '../../lib/identity/sealed-fields.ts';
import { MemoryCaseStore } from '../memory-stores.ts';

const ID = '11010519491231002X';
const PHONE = '13800138000';
const keyOf = (k: Buffer) => new FieldSealer(async () => k);

function record(): CaseRecord {
  return {
    caseId: 'SX-2026-PERSONAL01', caseNumber: 'SX-2026-PERSONAL01', jurisdiction: 'shaoxing', institution: 'inst-a', institutionName: '甲', submissionType: 'class-opening',
    packet: 'p', outcome: 'accepted', status: 'decided', createdAt: '2026-12-07T02:00:00Z', pageCount: 1, uploads: [], findings: [], pdfs: [],
    documents: [{
      type: 'roster', pages: [1], confidence: 0.99,
      fields: { institutionName: { value: '甲' }, phone: { value: PHONE, confidence: 0.98 } },
      tables: { trainees: [{ name: { value: '张伟' }, idNumber: { value: ID, confidence: 0.97 }, phone: { value: PHONE } }] },
    }],
    corrections: [{ at: '2026-12-07T03:00:00Z', by: 'rev', revision: 2, document: 0, field: 'idNumber', table: 'trainees', row: 0, from: '110105194912310021', to: ID, reason: '核对' }],
  } as unknown as CaseRecord;
}

describe('sealing personal data at rest', () => {
  it('seals every ID number and phone, in fields, table cells and corrections, and leaves the rest as read', async () => {
    const sealer = keyOf(randomBytes(32));
    const sealed = await sealPersonalData(sealer, record());
    const text = JSON.stringify(sealed);
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('110105194912310021');
    const row = sealed.documents[0]!.tables!.trainees![0]!;
    expect(isSealed(row.idNumber!.value)).toBe(true);
    expect(row.idNumber!.confidence).toBe(0.97); // what the reviewer needs stays
    expect(row.name!.value).toBe('张伟');
    // Two seals of one number differ: equal numbers cannot be spotted in the table.
    expect((await sealer.seal(ID)) === (await sealer.seal(ID))).toBe(false);
    expect(await openPersonalData(sealer, sealed)).toEqual(record());
  });

  it('refuses to open with another key, an altered value, or no key at all — never hands ciphertext to a rule', async () => {
    const sealed = await sealPersonalData(keyOf(randomBytes(32)), record());
    await expect(openPersonalData(keyOf(randomBytes(32)), sealed)).rejects.toThrow(SealedDataError);
    await expect(openPersonalData(undefined, sealed)).rejects.toThrow(/no field key/);
    const key = randomBytes(32);
    const v = String((await sealPersonalData(keyOf(key), record())).documents[0]!.fields.phone!.value);
    const altered = v.slice(0, -3) + (v.at(-3) === 'A' ? 'B' : 'A') + v.slice(-2);
    await expect(keyOf(key).open(altered)).rejects.toThrow(SealedDataError);
    await expect(new FieldSealer(async () => randomBytes(16)).seal('x')).rejects.toThrow(/32 bytes/);
  });
});

describe('an unmasked view', () => {
  const reviewer: Principal = { role: 'reviewer', user: 'rev-sx', jurisdictions: ['shaoxing'] };
  const clerk: Principal = { role: 'institution', user: 'clerk-a', jurisdiction: 'shaoxing', institution: 'inst-a' };
  const world = async () => {
    const cases = new MemoryCaseStore();
    await cases.createCase(record(), []);
    const api = { cases, clock: { now: () => new Date('2026-12-07T04:00:00Z') }, presign: async () => '' } as ApiDeps;
    const post = (who: Principal, body: unknown) =>
      handleApi({ method: 'POST', path: '/api/cases/SX-2026-PERSONAL01/unmask', query: {}, body: new TextEncoder().encode(JSON.stringify(body)) }, api, who);
    return { cases, api, post };
  };

  it('the case view masks; a reviewer who gives a reason sees the whole numbers, and the trail says who, when and why', async () => {
    const { cases, api, post } = await world();
    const view = await handleApi({ method: 'GET', path: '/api/cases/SX-2026-PERSONAL01', query: {} }, api, reviewer);
    expect(JSON.stringify(view.body)).not.toContain(ID);
    expect((view.body as { unmaskable: boolean }).unmaskable).toBe(true);
    const r = await post(reviewer, { reason: '与扫描件核对身份证号码' });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain(ID);
    expect(await cases.auditTrail('SX-2026-PERSONAL01')).toEqual([{ at: '2026-12-07T04:00:00.000Z', actor: 'rev-sx', action: 'personal-data-viewed', detail: { reason: '与扫描件核对身份证号码' } }]);
  });

  it('no reason, no numbers; an institution does not get them (its own case or not), and nothing is recorded', async () => {
    const { cases, api, post } = await world();
    expect((await post(reviewer, {})).status).toBe(400);
    const own = await post(clerk, { reason: '想看' });
    expect(own.status).toBe(403);
    expect(JSON.stringify(own.body)).not.toContain(ID);
    const view = await handleApi({ method: 'GET', path: '/api/cases/SX-2026-PERSONAL01', query: {} }, api, clerk);
    expect((view.body as { unmaskable: boolean }).unmaskable).toBe(false);
    expect(await cases.auditTrail('SX-2026-PERSONAL01')).toEqual([]);
  });
});
