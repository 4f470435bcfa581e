// @ts-check
// The reviewer's queue (issue 19): cases held before anything adverse goes out, the longest-waiting first,
// each with the outcome the rules propose and why it waits. A click opens the case to sign it off.
import { showCase } from './case-view.js';
import { $, esc } from './dom.js';
import { t } from './i18n.js';
import { api } from './session.js';
import { state } from './state.js';

/** @typedef {import('../../lib/cases/review.ts').QueueEntry} QueueEntry */

/** @param {number} m minutes */
const waited = (m) => (m >= 1440 ? t('days', { n: Math.floor(m / 1440) }) : m >= 60 ? t('hours', { n: Math.floor(m / 60) }) : t('minutes', { n: m }));

/** @param {string} jurisdiction the city chosen in the filters ('' for all the user may see) */
export async function showQueue(jurisdiction) {
  state.selected = null;
  const r = await api('/api/review-queue' + (jurisdiction ? `?jurisdiction=${jurisdiction}` : ''));
  if (!r.ok) return;
  /** @type {{ queue: QueueEntry[] }} */
  const { queue } = await r.json();
  $('detail').innerHTML = `<h2 id="queue-title">${esc(t('queueTitle'))} (${queue.length})</h2>
    ${queue.length === 0 ? `<p class="muted">${esc(t('queueEmpty'))}</p>` : `<table id="queue"><tr><th>${esc(t('caseNumber'))}</th><th>${esc(t('institution'))}</th><th>${esc(t('type'))}</th><th>${esc(t('proposed'))}</th><th>${esc(t('waited'))}</th><th>${esc(t('reasons'))}</th></tr>
    ${queue.map((q) => `<tr class="case" data-id="${esc(q.caseId)}"><td>${esc(q.caseNumber)}</td><td>${esc(q.institutionName ?? q.institution)}</td><td>${esc(t('t.' + q.submissionType))}</td>
      <td><span class="outcome ${esc(q.outcome)}">${esc(t('o.' + q.outcome))}</span></td><td>${esc(waited(q.waitingMinutes))}</td><td class="muted">${q.reasons.map((x) => esc(x)).join('<br>')}</td></tr>`).join('')}</table>`}`;
  for (const tr of document.querySelectorAll('#queue tr.case')) {
    if (tr instanceof HTMLElement) tr.onclick = () => { state.page = 1; showCase(tr.dataset.id ?? ''); };
  }
}
