// The admin page: live stats, users with search, ban and unban.
import { $, api, h, session } from './common.js';

const PAGE = 50;
const STATS_EVERY_MS = 5000;
let me = null;
let after = null;
let latest = 0; // answers to older searches that arrive late are dropped

async function start() {
  if (!session.token) {
    location.href = '/';
    return;
  }
  try {
    me = await api('GET', '/me');
  } catch (e) {
    if (e.status === 401) location.href = '/';
    else $('admin-error').textContent = e.message;
    return;
  }
  if (me.role !== 'admin') {
    $('denied').hidden = false;
    return;
  }
  $('panel').hidden = false;
  loadStats();
  setInterval(loadStats, STATS_EVERY_MS);
  loadUsers(false);
}

async function loadStats() {
  try {
    const s = await api('GET', '/admin/stats');
    $('stat-users').textContent = s.users;
    $('stat-conversations').textContent = s.conversations;
    $('stat-messages').textContent = s.messages;
    $('stat-live').textContent = s.live_connections;
    $('stats-time').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    $('stats-time').textContent = `not updated: ${e.message}`;
  }
}

async function loadUsers(more) {
  const params = new URLSearchParams({ limit: PAGE });
  const query = $('admin-query').value.trim();
  if (query) params.set('query', query);
  if (more && after) params.set('after', after);
  $('admin-error').textContent = '';
  latest += 1;
  const mine = latest;
  let users;
  try {
    users = await api('GET', `/admin/users?${params}`);
  } catch (e) {
    $('admin-error').textContent = e.message;
    return;
  }
  if (mine !== latest) return;
  if (!more) $('user-rows').replaceChildren();
  $('user-rows').append(...users.map(row));
  after = users.length ? users[users.length - 1].username : null;
  $('more').hidden = users.length < PAGE;
}

function row(u) {
  const action = async () => {
    button.disabled = true;
    try {
      const updated = await api('POST', `/admin/users/${u.id}/${u.banned ? 'unban' : 'ban'}`);
      tr.replaceWith(row(updated));
      loadStats();
    } catch (e) {
      $('admin-error').textContent = e.message;
      button.disabled = false;
    }
  };
  const button = h(
    'button',
    { type: 'button', class: u.banned ? 'secondary' : 'danger', onclick: action, disabled: u.id === me.id },
    u.banned ? 'Unban' : 'Ban',
  );
  const tr = h(
    'tr',
    { 'data-username': u.username },
    h('td', {}, u.username),
    h('td', {}, u.role),
    h('td', { class: u.banned ? 'banned' : '' }, u.banned ? 'banned' : 'active'),
    h('td', {}, new Date(u.created_at).toLocaleDateString()),
    h('td', {}, button),
  );
  return tr;
}

let searchTimer = null;
$('admin-query').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadUsers(false), 200);
});
$('admin-search').addEventListener('submit', (e) => {
  e.preventDefault();
  loadUsers(false);
});
$('more').addEventListener('click', () => loadUsers(true));
start();
