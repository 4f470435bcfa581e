// The bureau's registry as `intake institutions import` loads it: every row checked before any is
// written, Chinese or English headers, CSV in UTF-8 or GB18030 (Excel's Chinese default) or xlsx, and the
// same file twice changes nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importRegistry, onTheRegistry, parseRegistry, RegistryFileError, registryEntry, registryTable, setStanding } from '../../lib/cases/registry.ts';
import { MemoryCaseStore } from '../memory-stores.ts';

const CSV = `机构编号,机构名称,统一社会信用代码,协议起始日期,协议终止日期,状态
qd-001,启东市东方职业培训学校,91320681MA1MXXXX0A,2026-01-10,2028-01-09,正常
qd-002,启东市南方技能培训中心,,2025-03-01,2027-02-28,暂停
qd-003,启东市北方培训学校,,,,退出
`;

/** A credit code with a real check character (GB 32100), built from a valid stem. */
async function validCode() {
  const { creditCodeCheckCharacter } = await import('../../lib/identity/credit-code.ts');
  const stem = '91320681MA1MXY8Q3';
  return stem + creditCodeCheckCharacter(stem);
}

describe('intake institutions import: the registry file', () => {
  it('reads Chinese headers from a UTF-8 CSV, and the same table from GB18030 bytes', async () => {
    const csv = CSV.replace('91320681MA1MXXXX0A', await validCode());
    const rows = parseRegistry(await registryTable(new TextEncoder().encode('\uFEFF' + csv), 'registry.csv'));
    expect(rows.map((r) => [r.institution, r.status])).toEqual([['qd-001', 'active'], ['qd-002', 'suspended'], ['qd-003', 'exited']]);
    expect(rows[0]).toMatchObject({ name: '启东市东方职业培训学校', agreementStart: '2026-01-10', agreementEnd: '2028-01-09' });
  });

  it('reads a CSV as Excel in China saves it (GB18030, CRLF)', async () => {
    const bytes = readFileSync(new URL('../fixtures/registry-gb18030.csv', import.meta.url));
    const rows = parseRegistry(await registryTable(bytes, 'registry.csv'));
    expect(rows.map((r) => [r.institution, r.name, r.status])).toEqual([['qd-001', '启东市东方职业培训学校', 'active'], ['qd-002', '启东市南方技能培训中心', 'suspended']]);
  });

  it('reads English headers from an xlsx, dates as date cells', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('registry');
    ws.addRow(['institution', 'name', 'creditCode', 'agreementStart', 'agreementEnd', 'status']);
    ws.addRow(['lc-01', '聊城市技工培训学校', '', new Date('2026-02-01T00:00:00Z'), '2026-12-31', 'active']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(parseRegistry(await registryTable(bytes, 'r.xlsx'))).toEqual([{ institution: 'lc-01', name: '聊城市技工培训学校', status: 'active', agreementStart: '2026-02-01', agreementEnd: '2026-12-31' }]);
  });

  it('a bad row is reported by its line and nothing of the file is taken', () => {
    const table = [
      ['机构编号', '机构名称', '统一社会信用代码', '协议起始日期', '协议终止日期', '状态'],
      ['a-1', '甲学校', '', '2026-01-01', '2026-12-31', '正常'],
      ['a/2', '乙学校', '', '', '', '正常'],
      ['a-3', '', '91320681MA1MXY8Q3Z', '2026-02-30', '2025-01-01', '关闭'],
      ['a-1', '丙学校', '', '', '', '正常'],
    ];
    let error: RegistryFileError | undefined;
    try {
      parseRegistry(table);
    } catch (e) {
      error = e as RegistryFileError;
    }
    expect(error).toBeInstanceOf(RegistryFileError);
    const lines = error!.problems.map((p) => `${p.line}: ${p.message}`);
    expect(lines.some((l) => l.startsWith('3: 机构编号 "a/2"'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('4: ')).length).toBeGreaterThanOrEqual(3); // no name, bad status, bad code, bad date
    expect(lines).toContain('5: 机构编号 a-1 is also on line 2');
    expect(() => parseRegistry([['名称', '状态']])).toThrow(/no column 机构编号\/institution/);
  });

  it('imports, lists as CONTRACT prints it, and the same file again changes nothing; a changed row is updated with its trail', async () => {
    const store = new MemoryCaseStore();
    const rows = parseRegistry(await registryTable(new TextEncoder().encode(CSV.replace('91320681MA1MXXXX0A', await validCode())), 'r.csv'));
    const at = new Date('2026-12-01T02:00:00Z');
    expect(await importRegistry(store, 'qidong', rows, 'bureau:test', at)).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    expect(await importRegistry(store, 'qidong', rows, 'bureau:test', at)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const listed = (await store.listInstitutions('qidong')).map((i) => registryEntry(i.institutionKey, i.standing));
    expect(listed.find((i) => i.institution === 'qd-002')).toEqual({
      jurisdiction: 'qidong', institution: 'qd-002', name: '启东市南方技能培训中心', creditCode: null, status: 'suspended', agreementStart: '2025-03-01', agreementEnd: '2027-02-28',
    });
    const changed = rows.map((r) => (r.institution === 'qd-002' ? { ...r, status: 'active' as const } : r));
    expect(await importRegistry(store, 'qidong', changed, 'bureau:test', new Date('2026-12-05T02:00:00Z'))).toMatchObject({ updated: 1, unchanged: 2 });
    const after = (await store.listInstitutions('qidong')).find((i) => i.institutionKey === 'qidong/qd-002')!.standing!;
    expect(after).toMatchObject({ status: 'active', reason: 'registry import', trail: [{ status: 'suspended' }] });
  });

  it('a filing landing during the import is not overwritten: the chunk is read again and written over it', async () => {
    const store = new MemoryCaseStore();
    const rows = parseRegistry([['机构编号', '机构名称', '状态'], ['qd-9', '启东市九号培训学校', '正常']]);
    let landed = false;
    const racing = {
      loadInstitutionLedgers: (k: string[]) => store.loadInstitutionLedgers(k),
      commitInstitutionLedgers: async (w: Parameters<MemoryCaseStore['commitInstitutionLedgers']>[0]) => {
        if (!landed) {
          landed = true; // an accepted filing of the same institution commits first
          await setStanding(store, 'qidong/qd-9', () => ({ status: 'active', agreementStart: '2026-12-01', agreementEnd: '2028-11-30', by: 'system:intake', at: '2026-12-01T02:00:00.000Z', caseId: 'QD-2026-F1' }));
        }
        return store.commitInstitutionLedgers(w);
      },
    };
    expect(await importRegistry(racing, 'qidong', rows, 'bureau:test', new Date('2026-12-02T02:00:00Z'))).toMatchObject({ updated: 1, created: 0 });
    const s = (await store.listInstitutions('qidong'))[0]!.standing!;
    expect(s).toMatchObject({ name: '启东市九号培训学校', status: 'active', caseId: 'QD-2026-F1', agreementEnd: '2028-11-30' }); // a blank cell erases nothing
  });
});

describe('what the registry list shows', () => {
  it('the bureau\'s institutions, not an unknown one whose ledger only counts the classes it opened', async () => {
    const { openedClass } = await import('../ledgers.ts');
    const store = new MemoryCaseStore();
    await importRegistry(store, 'qidong', parseRegistry([['机构编号', '机构名称', '状态'], ['qd-known', '启东市已备案培训学校', '正常']]), 'bureau:test', new Date('2026-12-01T00:00:00Z'));
    await openedClass(store, { city: 'qidong', institution: 'qd-walk-in', classCode: 'W-1', personKeys: {}, receivedOn: '2026-12-02' });
    const all = await store.listInstitutions('qidong');
    expect(all.map((i) => i.institutionKey).sort()).toEqual(['qidong/qd-known', 'qidong/qd-walk-in']);
    expect(all.filter(onTheRegistry).map((i) => i.institutionKey)).toEqual(['qidong/qd-known']);
  });
});
