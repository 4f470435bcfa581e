// @ts-check
// The list of cases the user may see, filtered as the reviewer's queue is (city, outcome, type,
// institution, dates), with the ledger links following the chosen city.
import { showCase } from './case-view.js';
import { $, esc } from './dom.js';
import { t, when } from './i18n.js';
import { API, api, download, signedInWithToken } from './session.js';
import { state } from './state.js';

/** @typedef {import('./state.js').CaseSummary} CaseSummary */

const FILTERS = [['f-jurisdiction', 'jurisdiction'], ['f-status', 'status'], ['f-type', 'submissionType'], ['f-institution', 'q'], ['f-from', 'from'], ['f-to', 'to']];

/** The value of a filter field. @param {string} id */
export const filterValue = (id) => /** @type {HTMLInputElement | HTMLSelectElement} */ ($(id)).value.trim();

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
  /** @type {{ cases?: CaseSummary[] }} */
  const { cases = [] } = await r.json();
  const tbody = $('cases');
  tbody.innerHTML = cases.length === 0 ? `<tr><td colspan="5" class="muted">${esc(t('none'))}</td></tr>` : cases.map((c) => `
    <tr class="case ${c.caseId === state.selected ? 'selected' : ''}" data-id="${esc(c.caseId)}">
      <td>${esc(c.caseNumber)}</td><td>${esc(c.institutionName ?? c.institution)}</td><td>${esc(t('t.' + c.submissionType))}</td>
      <td><span class="outcome ${esc(c.outcome)}">${esc(t('o.' + c.outcome))}</span>${c.status === 'under-review' ? ` <span class="tag held">${esc(t('us.under-review'))}</span>` : ''}</td>
      <td class="muted">${esc(when(c.createdAt))}</td>
    </tr>`).join('');
  for (const tr of tbody.querySelectorAll('tr.case')) {
    if (tr instanceof HTMLElement) tr.onclick = () => { state.page = 1; showCase(tr.dataset.id ?? ''); };
  }
}
