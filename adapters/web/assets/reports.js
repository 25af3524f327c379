// The admin page's moderation queue: open reports, oldest first, each with the message
// as it is now and the reason; Dismiss, Remove message or Ban user settles one.
import { $, api, h } from './common.js';

const ACTIONS = [['dismiss', 'Dismiss'], ['remove_message', 'Remove message'], ['ban_user', 'Ban user']];

function row(r, changed) {
  const settle = async (action, button) => {
    button.disabled = true;
    try {
      await api('POST', `/admin/reports/${r.id}/resolve`, { action });
      changed();
    } catch (e) {
      $('reports-error').textContent = e.message;
      button.disabled = false;
    }
  };
  const message = r.message
    ? (r.message.deleted ? '(removed)' : r.message.body)
    : '(gone)';
  return h(
    'li',
    { 'data-report': r.id },
    h('blockquote', {}, message),
    h('p', { class: 'sub' }, `Reported ${new Date(r.created_at).toLocaleString()}: `, h('span', { class: 'reason' }, r.reason)),
    h('div', { class: 'row' }, ...ACTIONS.map(([action, label]) => {
      const button = h('button', { type: 'button', class: action === 'dismiss' ? 'secondary' : 'danger' }, label);
      button.addEventListener('click', () => settle(action, button));
      return button;
    })),
  );
}

/** Loads the open reports; `changed` reloads what depends on them (the stats). */
export async function loadReports(changed) {
  $('reports-error').textContent = '';
  let reports;
  try {
    reports = await api('GET', '/admin/reports?status=open');
  } catch (e) {
    $('reports-error').textContent = e.message;
    return;
  }
  const reload = () => {
    loadReports(changed);
    changed();
  };
  $('reports-list').replaceChildren(...reports.map((r) => row(r, reload)));
  $('reports-empty').hidden = reports.length > 0;
}
