// @ts-check
// A bureau user's users (issue 19): its cities' institutions and reviewers — disable one who left, enable
// again, or reset a forgotten password (the new one is shown once, here, to pass on).
import { $, esc } from './dom.js';
import { t } from './i18n.js';
import { api } from './session.js';
import { state } from './state.js';

/** @typedef {import('../../lib/cases/access.ts').UserEntry} UserEntry */

/** @param {{ text: string, bad?: boolean }} [message] */
export async function showUsers(message) {
  state.selected = null;
  const r = await api('/api/users');
  /** @type {{ users?: UserEntry[], error?: string }} */
  const body = await r.json().catch(() => ({}));
  if (!r.ok) { $('detail').innerHTML = `<p class="error">${esc(body.error ?? String(r.status))}</p>`; return; }
  const users = body.users ?? [];
  $('detail').innerHTML = `<h2 id="users-title">${esc(t('users'))} (${users.length})</h2>
    ${message ? `<p id="users-msg" class="${message.bad ? 'error' : ''}">${esc(message.text)}</p>` : ''}
    <table id="users"><tr><th>${esc(t('userName'))}</th><th>${esc(t('userRole'))}</th><th>${esc(t('jurisdiction'))}</th><th>${esc(t('status'))}</th><th></th></tr>
    ${users.map((u) => `<tr data-user="${esc(u.name)}"><td>${esc(u.name)}</td><td>${esc(t('role_' + u.role))}${u.institution ? `<div class="muted">${esc(u.institution)}</div>` : ''}</td>
      <td>${u.jurisdictions.map((j) => esc(t(j))).join('、')}</td><td>${esc(u.disabled ? t('userDisabled') : t('userActive'))}</td>
      <td><button class="link" data-act="${u.disabled ? 'enable' : 'disable'}">${esc(u.disabled ? t('enable') : t('disable'))}</button> · <button class="link" data-act="reset-password">${esc(t('resetPassword'))}</button></td></tr>`).join('')}</table>`;
  for (const b of document.querySelectorAll('#users button[data-act]')) {
    const button = /** @type {HTMLButtonElement} */ (b);
    const name = button.closest('tr')?.getAttribute('data-user') ?? '';
    button.onclick = async () => {
      const res = await api(`/api/users/${encodeURIComponent(name)}/${button.dataset.act}`, { method: 'POST' });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) return showUsers({ text: answer.error ?? String(res.status), bad: true });
      await showUsers({ text: answer.password ? t('passwordReset', { u: name, p: answer.password }) : t(answer.disabled ? 'userNowDisabled' : 'userNowActive', { u: name }) });
    };
  }
}
