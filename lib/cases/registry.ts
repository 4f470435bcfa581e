// The bureau's registry of institutions: standing (active, suspended, exited) and agreement term, kept in
// the institution's ledger so that every packet's judgement reads it in the same consistent snapshot.
// The registry is the source of truth for standing: the bureau imports its existing list
// (`intake institutions import`, CONTRACT "Institutions and classes"), and an accepted filing or a
// bureau's decision changes it afterwards.
import { ledgerWrites, openRectifications, standingOf, type InstitutionLedger, type InstitutionStanding } from '../rules/history.ts';
import { checkCreditCode } from '../identity/credit-code.ts';
import type { Jurisdiction } from '../domain/schemas.ts';
import type { CaseStore } from './ports.ts';

const MAX_ATTEMPTS = 10;

/** A bureau's decision on an institution (suspend, exit, reinstate, or the agreement's term), written under its ledger's version. */
export async function setStanding(
  store: Pick<CaseStore, 'loadHistory' | 'commitHistory'>,
  institutionKey: string,
  change: (current: InstitutionStanding | null) => InstitutionStanding | null,
): Promise<InstitutionStanding | null> {
  const keys = { persons: [], classKey: null, institutionKey };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const snap = await store.loadHistory(keys);
    const standing = change(snap.history.institution.standing);
    if (standing === null) return snap.history.institution.standing; // nothing to change
    const writes = ledgerWrites(snap.history, `standing:${standing.at}`, { ...emptyChanges(), standing });
    if ((await store.commitHistory(keys, snap.versions, writes)) === 'committed') return standing;
  }
  throw new Error(`the standing of ${institutionKey} kept changing; try again`);
}

const emptyChanges = () => ({ persons: {}, klass: null, filing: null, attendance: [], standing: null });

/**
 * A bureau's decision: the new status with its reason, the one before kept in the trail. Suspension and
 * exit date the bar on filing again (`since`); reinstating is the only way back and needs a reason too.
 */
export function decided(current: InstitutionStanding | null, status: InstitutionStanding['status'], reason: string, by: string, at: Date): InstitutionStanding {
  const when = at.toISOString();
  const trail = current ? [...(current.trail ?? []), { status: current.status, ...(current.reason ? { reason: current.reason } : {}), by: current.by, at: current.at }] : [];
  const { reason: _r, since: _s, trail: _t, caseId: _c, ...kept } = current ?? { status };
  return { ...kept, status, reason, by, at: when, ...(status !== 'active' ? { since: when.slice(0, 10) } : {}), ...(trail.length ? { trail } : {}) };
}

// ---- The registry file ----------------------------------------------------------------------------

export interface RegistryRow {
  /** The id used in upload keys (incoming/{jurisdiction}/{institution}/…). */
  institution: string;
  name: string;
  creditCode?: string;
  agreementStart?: string;
  agreementEnd?: string;
  status: InstitutionStanding['status'];
  /** 年度培训人数: the trainees a year the bureau lets it train with subsidy (Qidong 附件2 二1). */
  annualQuota?: number;
}

export interface RegistryProblem {
  /** The line of the file (the header is line 1). */
  line: number;
  message: string;
}

export class RegistryFileError extends Error {
  constructor(readonly problems: RegistryProblem[]) {
    super(`the registry file was not imported: ${problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
    this.name = 'RegistryFileError';
  }
}

/** The columns CONTRACT names, Chinese or English. */
const COLUMNS: Record<keyof RegistryRow, string[]> = {
  institution: ['机构编号', 'institution'],
  name: ['机构名称', 'name'],
  creditCode: ['统一社会信用代码', 'creditcode'],
  agreementStart: ['协议起始日期', 'agreementstart'],
  agreementEnd: ['协议终止日期', 'agreementend'],
  status: ['状态', 'status'],
  annualQuota: ['年度培训人数', '年度补贴培训人数', 'annualquota'],
};

const STATUS: Record<string, InstitutionStanding['status']> = {
  正常: 'active', active: 'active', 暂停: 'suspended', suspended: 'suspended', 退出: 'exited', exited: 'exited',
};

/** What an upload key's institution segment may hold (no slash, no dot segment, nothing invisible). */
const INSTITUTION_ID = /^(?!\.{1,2}$)[^/\\\s\u0000-\u001f]{1,128}$/;

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A spreadsheet's cells as text: a date cell becomes YYYY-MM-DD, a number its digits. */
export type Table = string[][];

/** The registry's rows from its table (header first); every problem of the file, by line, or the rows. */
export function parseRegistry(table: Table): RegistryRow[] {
  const [header, ...body] = table;
  if (!header) throw new RegistryFileError([{ line: 1, message: 'the file is empty' }]);
  const norm = (h: string) => h.replace(/[\s\uFEFF*＊]/g, '').toLowerCase();
  const col = {} as Record<keyof RegistryRow, number>;
  const problems: RegistryProblem[] = [];
  for (const [key, names] of Object.entries(COLUMNS) as [keyof RegistryRow, string[]][]) {
    const i = header.findIndex((h) => names.includes(norm(h)));
    if (i >= 0) col[key] = i;
    else if (key === 'institution' || key === 'name' || key === 'status') problems.push({ line: 1, message: `no column ${names.join('/')}` });
  }
  if (problems.length) throw new RegistryFileError(problems);
  const rows: RegistryRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const cell = (k: keyof RegistryRow) => (col[k] === undefined ? '' : (cells[col[k]] ?? '').trim());
    if (cells.every((c) => c.trim() === '')) return; // a blank line between blocks
    const institution = cell('institution');
    const say = (message: string) => problems.push({ line, message });
    if (!INSTITUTION_ID.test(institution)) say(`机构编号 "${institution}" cannot name an institution in an upload key`);
    else if (seen.has(institution)) say(`机构编号 ${institution} is also on line ${seen.get(institution)}`);
    else seen.set(institution, line);
    const name = cell('name');
    if (!name) say('机构名称 is empty');
    const status = STATUS[cell('status').toLowerCase()];
    if (!status) say(`状态 "${cell('status')}" is none of 正常/active, 暂停/suspended, 退出/exited`);
    const creditCode = cell('creditCode').toUpperCase();
    if (creditCode) {
      const check = checkCreditCode(creditCode);
      const error = check.problems.find((p) => p.severity === 'error');
      if (error) say(`统一社会信用代码 ${creditCode}: ${error.code === 'checksum' ? 'check character wrong' : 'not 18 characters of the code'}`);
    }
    const agreementStart = cell('agreementStart');
    const agreementEnd = cell('agreementEnd');
    for (const [label, d] of [['协议起始日期', agreementStart], ['协议终止日期', agreementEnd]] as const) {
      if (d && !isDate(d)) say(`${label} "${d}" is not a date (YYYY-MM-DD)`);
    }
    if (agreementStart && agreementEnd && isDate(agreementStart) && isDate(agreementEnd) && agreementEnd < agreementStart) say(`协议终止日期 ${agreementEnd} is before 协议起始日期 ${agreementStart}`);
    const quota = cell('annualQuota');
    if (quota && !/^\d{1,6}$/.test(quota)) say(`年度培训人数 "${quota}" is not a whole number`);
    if (status) {
      rows.push({
        institution, name, status,
        ...(creditCode ? { creditCode } : {}), ...(agreementStart ? { agreementStart } : {}), ...(agreementEnd ? { agreementEnd } : {}),
        ...(quota && /^\d{1,6}$/.test(quota) ? { annualQuota: Number(quota) } : {}),
      });
    }
  });
  if (problems.length) throw new RegistryFileError(problems);
  return rows;
}

/** The registry's table from the bytes of a .csv (UTF-8, or GB18030 as Excel in China saves it) or .xlsx. */
export async function registryTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  if (/\.xlsx$/i.test(fileName)) {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) return [];
    const table: Table = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, i) => {
        const v = c.value;
        cells[i - 1] = v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : typeof v === 'object' ? String(c.text ?? '') : String(v);
      });
      table[n - 1] = Array.from(cells, (c) => c ?? '');
    });
    return Array.from(table, (r) => r ?? []);
  }
  if (!/\.csv$/i.test(fileName)) throw new RegistryFileError([{ line: 1, message: `${fileName} is neither .csv nor .xlsx` }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  const { parseString } = await import('@fast-csv/parse');
  return new Promise<Table>((resolve, reject) => {
    const rows: Table = [];
    parseString<string[], string[]>(text.replace(/^\uFEFF/, ''), { ignoreEmpty: false, trim: false })
      .on('error', (e) => reject(new RegistryFileError([{ line: rows.length + 1, message: e.message }])))
      .on('data', (r: string[]) => rows.push(r))
      .on('end', () => resolve(rows));
  });
}

export interface ImportResult {
  jurisdiction: Jurisdiction;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}


/**
 * What the registry's row makes of an institution's standing; null: it says what the standing says already.
 * A blank cell (no credit code, no agreement dates) keeps what is known rather than erasing it.
 */
function standingFromRow(current: InstitutionStanding | null, row: RegistryRow, by: string, at: Date): InstitutionStanding | null {
  const given = Object.fromEntries(Object.entries({ status: row.status, name: row.name, creditCode: row.creditCode, agreementStart: row.agreementStart, agreementEnd: row.agreementEnd, annualQuota: row.annualQuota }).filter(([, v]) => v !== undefined)) as Partial<InstitutionStanding>;
  if (current && (Object.keys(given) as (keyof InstitutionStanding)[]).every((k) => current[k] === given[k])) return null;
  // The decision's time stays when the row changes only a name or a term: an inspection's measure since stands.
  const base = current && current.status !== row.status ? decided(current, row.status, 'registry import', by, at) : { ...(current ?? {}), status: row.status, by: current?.by ?? by, at: current?.at ?? at.toISOString() };
  return { ...base, ...given };
}

/** Rows written per read-and-commit: one batch read and one transaction of DynamoDB's largest. */
const IMPORT_CHUNK = 100;

/**
 * Every row into the institution's ledger: a new institution, or one whose standing, name, code or term
 * the file changes. The same file again changes nothing. A hundred rows a time are read in one batch and
 * written in one transaction, each under its ledger's version; a chunk that meets a filing landing
 * meanwhile is read again and written again.
 */
export async function importRegistry(
  store: Pick<CaseStore, 'loadInstitutionLedgers' | 'commitInstitutionLedgers'>,
  jurisdiction: Jurisdiction,
  rows: RegistryRow[],
  by: string,
  at: Date,
): Promise<ImportResult> {
  const result: ImportResult = { jurisdiction, rows: rows.length, created: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
    const chunk = rows.slice(i, i + IMPORT_CHUNK);
    const keys = chunk.map((r) => `${jurisdiction}/${r.institution}`);
    for (let attempt = 1; ; attempt++) {
      const ledgers = await store.loadInstitutionLedgers(keys);
      const effects = { created: 0, updated: 0, unchanged: 0 };
      const writes = chunk.flatMap((row, j) => {
        const { ledger, version } = ledgers.get(keys[j]!)!;
        const standing = standingFromRow(ledger.standing, row, by, at);
        if (!standing) {
          effects.unchanged++;
          return [];
        }
        effects[ledger.standing ? 'updated' : 'created']++;
        return [{ institutionKey: keys[j]!, version, ledger: { ...ledger, standing } }];
      });
      if (writes.length === 0 || (await store.commitInstitutionLedgers(writes)) === 'committed') {
        result.created += effects.created;
        result.updated += effects.updated;
        result.unchanged += effects.unchanged;
        break;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`the registry of ${jurisdiction} kept changing during the import; run it again (what was written stays)`);
    }
  }
  return result;
}

/** One institution as `intake institutions list --json` prints it. */
export interface RegistryEntry {
  jurisdiction: string;
  institution: string;
  name: string | null;
  creditCode: string | null;
  status: InstitutionStanding['status'] | null;
  agreementStart: string | null;
  agreementEnd: string | null;
  reason?: string;
  /** Rectifications inspections opened that the bureau has not closed (Shaoxing: training suspended meanwhile). */
  rectifications?: { caseId: string; classKey: string | null; on: string; dueBy?: string; suspends?: boolean; reason: string }[];
}

/**
 * Whether an institution's ledger belongs on the registry list: the bureau's standing for it, a filing, or
 * what an inspection decided — not a ledger that only counts its openings or sign-in sheets.
 */
export const onTheRegistry = (i: { standing: InstitutionStanding | null; filings: number; ledger: InstitutionLedger }): boolean =>
  i.standing !== null || i.filings > 0 || i.ledger.measures.length > 0;

/** One institution as the registry shows it: its standing as the rules read it (an inspection's measures included). */
export function registryEntry(institutionKey: string, standing: InstitutionStanding | null, ledger?: InstitutionLedger): RegistryEntry {
  const [jurisdiction = '', ...rest] = institutionKey.split('/');
  const s = ledger ? standingOf(ledger) : standing;
  const open = ledger ? openRectifications(ledger) : [];
  return {
    jurisdiction, institution: rest.join('/'),
    name: s?.name ?? null, creditCode: s?.creditCode ?? null, status: s?.status ?? null,
    agreementStart: s?.agreementStart ?? null, agreementEnd: s?.agreementEnd ?? null,
    ...(s?.reason ? { reason: s.reason } : {}),
    ...(open.length ? { rectifications: open.map((m) => ({ caseId: m.caseId, classKey: m.classKey, on: m.on, ...(m.dueBy ? { dueBy: m.dueBy } : {}), ...(m.suspends ? { suspends: true } : {}), reason: m.reason })) } : {}),
  };
}
