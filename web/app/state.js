// @ts-check
// What the console is showing: the signed-in user, the case picked and its view. One object, so that
// each view module reads and sets the same state instead of globals of its own.

/** @typedef {import('../../lib/domain/schemas.ts').CaseRecord} CaseRecord */
/** @typedef {import('../../lib/domain/schemas.ts').AuditEvent} AuditEvent */
/** @typedef {import('../../lib/domain/schemas.ts').Field} Field */
/** @typedef {import('../../lib/cases/access.ts').Principal} Principal */
/** @typedef {import('../../lib/cases/ports.ts').CaseSummary} CaseSummary */
/**
 * GET /api/cases/:id — the case with ID numbers and phones masked, its trail, its PDFs, and whether the
 * user may review it; reviewThreshold is the confidence under which the server sends a value for review.
 * @typedef {{ case: CaseRecord, audit: AuditEvent[], pdfs: { index: number, kind: string, title: string, revision: number, current: boolean }[], reviewable: boolean, unmaskable?: boolean, reviewThreshold: number }} CaseView
 */

export const state = {
  /** @type {Principal | null} */
  me: null,
  /** @type {string | null} the case picked in the list */
  selected: null,
  /** @type {CaseView | null} */
  current: null,
  /** The page of the case shown. */
  page: 1,
  /** @type {string | null} the field whose box is picked out */
  focus: null,
  /** Refreshes the list of cases (set by main.js; a view calls it when a case changed). */
  refreshList: () => {},
};
