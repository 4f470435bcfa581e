// @ts-check
// The list of cases the user may see, filtered as the reviewer's queue is (city, outcome, type,
// institution, dates), with the ledger links following the chosen city.
import { showCase } from './case-view.js';
import { $, esc } from './dom.js';
import { t, when } from './i18n.js';
import { API, api, download, signedInWithToken } from './session.js';
import { state } from './state.js';

/** @typedef {import('./state.js').CaseSummary} CaseSummary */
/** @typedef {import('../../lib/cases/ports.ts').ReadingEntry} ReadingEntry */

/** 识别中：第 3/12 页（花名册.pdf）, or 排队识别 before the first page. @param {ReadingEntry} p */
function progressText(p) {
  if (!p.pages) return t('readingQueued');
  const files = p.files.length > 1 ? t('readingFile', { f: p.file ?? '' }) : '';
  return t('readingPage', { n: String(p.page), m: String(p.pages) }) + files;
}

const FILTERS = [['f-jurisdiction', 'jurisdiction'], ['f-status', 'status'], ['f-type', 'submissionType'], ['f-institution', 'q'], ['f-from', 'from'], ['f-to', 'to']];

/** The value of a filter field. @param {string} id */
export const filterValue = (id) => /** @type {HTMLInputElement | HTMLSelectElement} */ ($(id)).value.trim();

/** @type {ReturnType<typeof setTimeout> | undefined} */
let soon;

export async function loadCases() {
  const q = new URLSearchParams();
  for (const [id, k] of FILTERS) {
    const v = filterValue(/** @type {string} */ (id));
    if (v) q.set(/** @type {string} */ (k), v);
  }
  const j = q.get('jurisdiction');
  for (const f of ['xlsx', 'csv']) {
    const link = $(`ledger-${f}`, HTMLAnchorElement);
    link.href = `${API}/api/ledger?format=${f}` + (j ? `&jurisdiction=${j}` : '');
    if (signedInWithToken()) link.onclick = (e) => { e.preventDefault(); download((link.getAttribute('href') ?? '').slice(API.length), `intake-ledger.${f}`); };
  }
  const r = await api('/api/cases?' + q);
  /** @type {{ cases?: CaseSummary[], reading?: ReadingEntry[] }} */
  const { cases = [], reading = [] } = await r.json();
  const tbody = $('cases');
  // Packets still being read come first, with their progress; their case appears when they are judged.
  const beingRead = reading.map((p) => `
    <tr class="reading" data-id="${esc(p.caseId)}">
      <td>${esc(p.caseNumber)}</td><td>${esc(p.institution)}</td><td>${esc(p.submissionType ? t('t.' + p.submissionType) : '')}</td>
      <td><span class="tag reading">${esc(progressText(p))}</span></td>
      <td class="muted">${esc(when(p.startedAt))}</td>
    </tr>`).join('');
  tbody.innerHTML = beingRead + (cases.length === 0 && reading.length === 0 ? `<tr><td colspan="5" class="muted">${esc(t('none'))}</td></tr>` : cases.map((c) => `
    <tr class="case ${c.caseId === state.selected ? 'selected' : ''}" data-id="${esc(c.caseId)}">
      <td>${esc(c.caseNumber)}</td><td>${esc(c.institutionName ?? c.institution)}</td><td>${esc(t('t.' + c.submissionType))}</td>
      <td><span class="outcome ${esc(c.outcome)}">${esc(t('o.' + c.outcome))}</span>${c.status === 'under-review' ? ` <span class="tag held">${esc(t('us.under-review'))}</span>` : ''}</td>
      <td class="muted">${esc(when(c.createdAt))}</td>
    </tr>`).join(''));
  // While something is being read, look again sooner than the list's usual five seconds.
  clearTimeout(soon);
  if (reading.length > 0) soon = setTimeout(() => void loadCases(), 2000);
  for (const tr of tbody.querySelectorAll('tr.case')) {
    if (tr instanceof HTMLElement) tr.onclick = () => { state.page = 1; showCase(tr.dataset.id ?? ''); };
  }
}
