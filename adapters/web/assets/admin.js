// The admin page: live stats, sign-ups per hour, users with search, ban and unban, the
// moderation queue, bots.
import { botActions, wireBots } from './bots.js';
import { loadReports } from './reports.js';
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
  loadReports(() => loadUsers(false));
}

async function loadStats() {
  try {
    const s = await api('GET', '/admin/stats');
    $('stat-users').textContent = s.users;
    $('stat-conversations').textContent = s.conversations;
    $('stat-messages').textContent = s.messages;
    $('stat-live').textContent = s.live_connections;
    renderSignups(s.signups_per_hour);
    $('stats-time').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    $('stats-time').textContent = `not updated: ${e.message}`;
  }
}

const BAR_PX = 64; // the tallest bar: the busiest hour

/**
 * Sign-ups per hour as bars, oldest first. Heights go through CSSOM (`el.style`), which
 * the CSP allows, unlike a style attribute. Hidden when the server sends no counts.
 */
function renderSignups(hours) {
  $('signups-section').hidden = !Array.isArray(hours) || hours.length === 0;
  if ($('signups-section').hidden) return;
  const top = Math.max(1, ...hours.map((x) => x.count));
  const total = hours.reduce((n, x) => n + x.count, 0);
  $('signups-total').textContent = `${total} in all`;
  $('signups').replaceChildren(...hours.map(({ hour, count }) => {
    const hh = String(new Date(hour).getUTCHours()).padStart(2, '0');
    const bar = h('span', { class: 'bar' });
    bar.style.height = `${Math.round((BAR_PX * count) / top)}px`;
    return h(
      'li',
      { class: count ? undefined : 'zero', 'data-hour': hour, title: `${hh}:00 UTC: ${count} sign-up${count === 1 ? '' : 's'}` },
      h('span', { class: 'count' }, String(count)),
      bar,
      h('span', { class: 'hour', 'aria-hidden': 'true' }, hh),
    );
  }));
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
    h('td', {}, u.bot ? 'bot' : u.role),
    h('td', { class: u.banned ? 'banned' : '' }, u.banned ? 'banned' : 'active'),
    h('td', {}, new Date(u.created_at).toLocaleDateString()),
    h('td', {}, button, ...(u.bot ? botActions(u) : [])),
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
wireBots(() => loadUsers(false));
start();
