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
  const totalTable = (by, title) => `<h3>${esc(t(title))}</h3><table class="totals" data-by="${by}"><tr><th></th><th>${esc(t('classes'))}</th><th>${esc(t('trainees'))}</th><th>${esc(t('subsidised'))}</th><th>${esc(t('amount'))}</th></tr>
    ${totals.filter((x) => x.by === by).map((x) => `<tr><td>${esc(x.key)}</td><td>${x.classes}</td><td>${x.trainees}</td><td>${x.subsidisedTrainees}</td><td>${money(x.subsidyAmount)}</td></tr>`).join('')}</table>`;
  $('detail').innerHTML = `<h2 id="ledger-title">${esc(t('ledgerTitle'))}</h2>
    ${totalTable('period', 'byPeriod')}${totalTable('institution', 'byInstitution')}${totalTable('occupation', 'byOccupation')}
    <h3>${esc(t('classes'))} (${rows.length})</h3>
    <table id="ledger-rows"><tr><th>${esc(t('institution'))}</th><th>${esc(t('className'))}</th><th>${esc(t('period'))}</th><th>${esc(t('trainees'))}</th><th>${esc(t('subsidised'))}</th><th>${esc(t('amount'))}</th><th>${esc(t('opening'))}</th><th>${esc(t('claim'))}</th></tr>
    ${rows.map((x) => `<tr><td>${esc(x.institutionName)}</td><td>${esc(x.className || x.classCode)}<div class="muted">${esc(x.occupation)}</div></td><td>${esc(x.period)}</td><td>${x.trainees ?? ''}</td><td>${x.subsidisedTrainees}</td><td>${money(x.subsidyAmount)}</td>
      <td class="muted">${esc(x.openingCase)}</td><td class="muted">${esc(x.claimCase)}</td></tr>`).join('')}</table>`;
}
