// A group's incoming webhooks, for its owners and admins: the list (never with tokens),
// a new one whose URL is shown once, and deleting one (its URL answers 404 from then on).
import { $, api, h } from './common.js';

let conversation = null;

function row(hook, fail) {
  const remove = async (e) => {
    e.target.disabled = true;
    try {
      await api('DELETE', `/conversations/${conversation}/webhooks/${hook.id}`);
      e.target.closest('li').remove();
    } catch (err) {
      e.target.disabled = false;
      fail(err.message);
    }
  };
  return h(
    'li',
    { 'data-webhook': hook.id },
    h('strong', {}, hook.name),
    h('span', { class: 'sub' }, ` · made ${new Date(hook.created_at).toLocaleString()} `),
    h('button', { type: 'button', class: 'link', onclick: remove }, 'Delete'),
  );
}

/** Shows the webhooks of group `id`; `fail` shows an error. */
export async function showWebhooks(id, fail) {
  conversation = id;
  $('webhook-url').hidden = true;
  $('webhook-error').textContent = '';
  let hooks;
  try {
    hooks = await api('GET', `/conversations/${id}/webhooks`);
  } catch (e) {
    fail(e.message);
    return;
  }
  $('webhooks-list').replaceChildren(...hooks.map((hook) => row(hook, fail)));
  if (!$('webhooks-dialog').open) $('webhooks-dialog').showModal();
}

/** Wires the dialog's form: a new webhook, its URL shown once. */
export function wireWebhooks(fail) {
  $('webhook-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('webhook-error').textContent = '';
    try {
      const made = await api('POST', `/conversations/${conversation}/webhooks`, {
        name: $('webhook-name').value.trim(),
      });
      const url = new URL(made.url, location.origin).href;
      const field = h('input', { readonly: true, value: url, class: 'token', 'aria-label': 'Webhook URL' });
      $('webhook-url').replaceChildren(
        h('span', {}, 'POST {"body": "…"} here (shown once; anyone with it can post): '),
        field,
      );
      $('webhook-url').hidden = false;
      field.select();
      $('webhook-form').reset();
      $('webhooks-list').append(row({ ...made, created_at: new Date().toISOString() }, fail));
    } catch (err) {
      $('webhook-error').textContent = err.message;
    }
  });
}
