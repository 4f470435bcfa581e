// @ts-check
// The bureau's 台账 (Liaocheng 七（三）"一表通"): totals by period, institution and occupation, and each class.
import { $, esc } from './dom.js';
import { money, t } from './i18n.js';
import { api } from './session.js';
import { state } from './state.js';

/** @typedef {import('../../lib/cases/ledger.ts').LedgerRow} LedgerRow */
/** @typedef {import('../../lib/cases/ledger.ts').LedgerTotal} LedgerTotal */

/** @param {string} jurisdiction the city chosen in the filters ('' for all the user may see) */
export async function showLedger(jurisdiction) {
  state.selected = null;
  const r = await api('/api/ledger?format=json' + (jurisdiction ? `&jurisdiction=${jurisdiction}` : ''));
  if (!r.ok) return;
  /** @type {{ rows: LedgerRow[], totals: LedgerTotal[] }} */
  const { rows, totals } = await r.json();
  /** @param {LedgerTotal['by']} by @param {string} title */
  const totalTable = (by, title) => `<h3>${esc(t(title))}</h3><table class="totals" data-by="${by}"><tr><th></th><th>${esc(t('classes'))}</th><th>${esc(t('trainees'))}</th><th>${esc(t('subsidised'))}</th><th>${esc(t('amount'))}</th><th>${esc(t('inspections'))}</th><th>${esc(t('rectifications'))}</th></tr>
    ${totals.filter((x) => x.by === by).map((x) => `<tr><td>${esc(x.key)}</td><td>${x.classes}</td><td>${x.trainees}</td><td>${x.subsidisedTrainees}</td><td>${money(x.subsidyAmount)}</td><td>${x.inspections}</td><td>${x.rectifications}</td></tr>`).join('')}</table>`;
  $('detail').innerHTML = `<h2 id="ledger-title">${esc(t('ledgerTitle'))}</h2>
    ${totalTable('period', 'byPeriod')}${totalTable('institution', 'byInstitution')}${totalTable('occupation', 'byOccupation')}
    ${classTable('ledger-rows', t('classes'), rows.filter((x) => x.counted))}
    ${rows.some((x) => !x.counted) ? classTable('ledger-apart', t('notCounted'), rows.filter((x) => !x.counted)) : ''}`;
}

/** @param {string} id @param {string} title @param {LedgerRow[]} rows */
function classTable(id, title, rows) {
  return `<h3>${esc(title)} (${rows.length})</h3>
    <table id="${id}"><tr><th>${esc(t('institution'))}</th><th>${esc(t('className'))}</th><th>${esc(t('period'))}</th><th>${esc(t('trainees'))}</th><th>${esc(t('subsidised'))}</th><th>${esc(t('amount'))}</th><th>${esc(t('opening'))}</th><th>${esc(t('claim'))}</th></tr>
    ${rows.map((x) => `<tr><td>${esc(x.institutionName)}</td><td>${esc(x.className || x.classCode)}<div class="muted">${esc(x.classCode)} · ${esc(x.occupation)}</div></td><td>${esc(x.period)}</td><td>${x.trainees ?? ''}</td><td>${x.subsidisedTrainees}</td><td>${money(x.subsidyAmount)}</td>
      <td>${esc(x.openingOutcome)}<div class="muted">${esc(x.openingCase)}</div></td><td>${esc(x.claimOutcome)}<div class="muted">${esc(x.claimCase)}</div></td></tr>`).join('')}</table>`;
}
