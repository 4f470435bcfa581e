// @ts-check
// The console: who is signed in, the list of cases, one case or the ledger beside it, and for an
// institution the upload of a packet. Each part is a module of its own; this one puts them on the page.
import { filterValue, loadCases } from './case-list.js';
import { showCase } from './case-view.js';
import { $ } from './dom.js';
import { applyLang, currentLang, setLang, t } from './i18n.js';
import { showLedger } from './ledger-view.js';
import { showQueue } from './queue-view.js';
import { showRegistry } from './registry-view.js';
import { showUsers } from './users-view.js';
import { api, download } from './session.js';
import { state } from './state.js';
import { setUpUpload } from './upload.js';

function showMe() {
  const me = state.me;
  if (!me) return;
  const where = me.role === 'institution' ? `${t(me.jurisdiction)} · ${me.institution}` : me.jurisdictions.map((j) => t(j)).join('、');
  $('who').textContent = `${me.user} · ${t('role_' + me.role)} · ${where}`;
}

state.refreshList = () => void loadCases();

$('lang').onclick = () => {
  setLang(currentLang() === 'en' ? 'zh' : 'en');
  applyLang();
  showMe();
  loadCases();
  if (state.selected) showCase(state.selected);
};
$('ledger-view').onclick = () => showLedger(filterValue('f-jurisdiction'));
$('registry-view').onclick = () => showRegistry(filterValue('f-jurisdiction'));
$('queue-view').onclick = () => showQueue(filterValue('f-jurisdiction'));
$('users-view').onclick = () => showUsers();
$('publicity').onclick = (e) => {
  e.preventDefault();
  const me = state.me;
  const j = filterValue('f-jurisdiction') || (me && me.role !== 'institution' ? me.jurisdictions[0] : undefined);
  if (j) download(`/api/publicity?jurisdiction=${j}`, `publicity-${j}.pdf`);
};
setUpUpload();
api('/api/me').then((r) => r.json()).then(({ user }) => {
  state.me = user;
  showMe();
  if (user.role === 'institution') $('upload').hidden = false;
  else {
    $('publicity-link').hidden = false;
    $('registry-link').hidden = false;
    if (user.role === 'reviewer') $('queue-link').hidden = false;
    if (user.role === 'bureau') $('users-link').hidden = false;
  }
});
$('refresh').onclick = () => loadCases();
for (const id of ['f-jurisdiction', 'f-status', 'f-type', 'f-from', 'f-to']) $(id).onchange = () => loadCases();
$('f-institution').oninput = () => loadCases();
applyLang();
loadCases();
setInterval(loadCases, 5000);
