// The admin page's bots: made with a token shown once, and a bot's token renewed
// (the old one stops working) or revoked. Bots then use the API like any client.
import { $, api, h } from './common.js';

/** Shows a token once, selected for copying, with what it belongs to. */
function showToken(whose, token) {
  const field = h('input', { readonly: true, value: token, 'aria-label': `Token of ${whose}`, class: 'token' });
  $('bot-token').replaceChildren(
    h('span', {}, `Token of @${whose} (shown once; send it as Authorization: Bearer): `),
    field,
  );
  $('bot-token').hidden = false;
  field.select();
}

/** Wires the create form; `changed` reloads the user list. */
export function wireBots(changed) {
  $('bot-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('bot-error').textContent = '';
    const username = $('bot-username').value.trim();
    const displayName = $('bot-display-name').value.trim();
    try {
      const made = await api('POST', '/admin/bots', {
        username,
        display_name: displayName || undefined,
      });
      showToken(made.user.username, made.token);
      $('bot-form').reset();
      changed();
    } catch (err) {
      $('bot-error').textContent = err.message;
    }
  });
}

/** The buttons of a bot's row in the user list: a new token, or none at all. */
export function botActions(u) {
  const renew = async () => {
    try {
      const { token } = await api('POST', `/admin/bots/${u.id}/token`);
      showToken(u.username, token);
    } catch (err) {
      $('admin-error').textContent = err.message;
    }
  };
  const revoke = async () => {
    try {
      await api('DELETE', `/admin/bots/${u.id}/token`);
      $('bot-token').hidden = true;
    } catch (err) {
      $('admin-error').textContent = err.message;
    }
  };
  return [
    h('button', { type: 'button', class: 'secondary', onclick: renew }, 'New token'),
    h('button', { type: 'button', class: 'secondary', onclick: revoke }, 'Revoke token'),
  ];
}
