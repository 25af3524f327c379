// The signed-in devices: the caller's sessions (GET /api/v1/sessions), each with the
// client it came from and when it was last used, and a button that ends one at once
// ("sign out my lost phone"); the device's sockets close and its token stops working.
// The same dialog downloads the caller's data (GET /api/v1/me/export) as a JSON file.
import { $, api, h } from './common.js';

const when = (iso) => new Date(iso).toLocaleString();

/** Fills the devices dialog from the server and shows it; `fail` shows an error. */
export async function showSessions(fail) {
  let sessions;
  try {
    sessions = await api('GET', '/sessions');
  } catch (e) {
    fail(e.message);
    return;
  }
  $('sessions-list').replaceChildren(...sessions.map((s) => h(
    'li',
    { 'data-session': s.id },
    h('strong', {}, s.user_agent || 'Unknown client'),
    h('span', { class: 'sub' }, ` · signed in ${when(s.created_at)} · last used ${when(s.last_used_at)}`),
    s.current
      ? h('span', { class: 'badge' }, 'this device')
      : h('button', {
        type: 'button',
        class: 'link',
        onclick: async (e) => {
          e.target.disabled = true;
          try {
            await api('DELETE', `/sessions/${encodeURIComponent(s.id)}`);
            e.target.closest('li').remove();
          } catch (err) {
            e.target.disabled = false;
            fail(err.message);
          }
        },
      }, 'Sign out'),
  )));
  if (!$('sessions-dialog').open) $('sessions-dialog').showModal();
}

/** Downloads the caller's export as `chat-export.json`; `fail` shows an error. */
export async function downloadExport(fail) {
  const button = $('export-button');
  button.disabled = true;
  try {
    const resp = await api('GET', '/me/export', undefined, { raw: true });
    const url = URL.createObjectURL(await resp.blob());
    const link = h('a', { href: url, download: 'chat-export.json', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    fail(e.message);
  } finally {
    button.disabled = false;
  }
}
