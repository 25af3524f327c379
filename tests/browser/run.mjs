// The web client in Debian's Chromium, driven by Playwright: two people chat through the
// pages the server embeds, then an admin bans one of them. The server asks sign-ups for
// a proof of work (CHAT_SIGNUP_CHALLENGE=pow), which the page solves in a worker. Run by
// tests/e2e/tests/browser.rs, which starts the server and passes:
//   CHAT_BROWSER_URL    the server, e.g. http://127.0.0.1:34567
//   CHAT_BROWSER_ADMIN  an admin's "username:password"
//   CHAT_BROWSER_OUT    where the screenshots go
//   CHROMIUM            the browser (default /usr/bin/chromium)
// Each browser context reaches the server through its own TCP proxy, so the test can cut
// one user's connections (as a dropped network or a restarted balancer would) and hold
// them down while the other keeps chatting.
import { mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const server = new URL(process.env.CHAT_BROWSER_URL);
const [adminName, adminPassword] = process.env.CHAT_BROWSER_ADMIN.split(':');
const out = process.env.CHAT_BROWSER_OUT;
mkdirSync(out, { recursive: true });
const WAIT = 10000;
const SIGN_UP_WAIT = 30000; // a proof of work first: well under a second, unless the machine is busy

function step(what) {
  console.log(`browser: ${what}`);
}

/** A TCP proxy to the server whose connections can be cut and held down. */
async function proxy() {
  const live = new Set();
  let down = false;
  const listener = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(Number(server.port), server.hostname);
    const pair = { client, upstream };
    live.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      live.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((r) => listener.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${listener.address().port}`,
    cut() {
      down = true;
      for (const { client, upstream } of live) {
        client.destroy();
        upstream.destroy();
      }
      live.clear();
    },
    restore() {
      down = false;
    },
    close() {
      listener.close();
    },
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const failures = [];
async function open(viewport, via) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  // Any alert means markup from a message ran: the XSS check below relies on this.
  page.on('dialog', (d) => {
    failures.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/WebSocket|Failed to load resource|ERR_/.test(m.text())) {
      failures.push(`console error: ${m.text()}`);
    }
  });
  page.base = via.url;
  return page;
}

const suffix = Math.random().toString(36).slice(2, 8);
const alice = `alice_${suffix}`;
const bob = `bob_${suffix}`;
const password = 'correct horse battery';

async function signUp(page, name) {
  await page.goto(`${page.base}/`);
  await page.fill('#auth-username', name);
  await page.fill('#auth-password', password);
  await page.click('#sign-up');
  await online(page, SIGN_UP_WAIT);
  step(`pow solve ms=${await powMs(page)}`);
}

/** How long the page's last proof of work took (challenge.js records it). */
async function powMs(page) {
  const ms = await page.evaluate(() => document.body.dataset.powMs);
  assert.match(String(ms), /^\d+$/, 'the page solved a proof of work');
  return Number(ms);
}

// The status sits in the list's header, hidden on a phone while a conversation is open.
const online = (page, timeout = WAIT) =>
  page.locator('#conn-status[data-state="online"]').waitFor({ state: 'attached', timeout });
const texts = (page, selector) => page.locator(selector).allTextContents();
const messageTexts = (page) => texts(page, '#messages .msg:not(.pending) .text');

async function send(page, text) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
  await page.locator('#messages .msg.mine:not(.pending) .text', { hasText: text.split('\n')[0] }).last().waitFor();
}

async function sees(page, text) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('#messages .msg .text')].some((e) => e.textContent === t),
    text,
    { timeout: WAIT },
  );
}

const proxyA = await proxy();
const proxyB = await proxy();
const a = await open({ width: 1100, height: 760 }, proxyA);
const b = await open({ width: 390, height: 780 }, proxyB); // a phone-sized screen

const signUpHour = Math.floor(Date.now() / 3600e3) * 3600e3; // where the admin page counts them
try {
  step('both sign up');
  await signUp(a, alice);
  await signUp(b, bob);

  step('alice starts a direct chat by searching bob');
  const bobDot = () => a.locator('#conversations .conv', { hasText: bob }).locator('.dot');
  await a.fill('#user-query', bob.slice(0, 6));
  await a.click(`#user-results button[data-username="${bob}"]`);
  await a.locator('#conv-title', { hasText: `@${bob}` }).waitFor(); // the unique @username beside any display name
  const greeting = 'Hello Bob 👋 你好，世界';
  await send(a, greeting);

  step('bob sees an unread badge, opens the chat and sees the message, emoji intact');
  await b.locator('#conversations .conv .badge', { hasText: '1' }).waitFor();
  await b.locator('#conversations .conv', { hasText: alice }).click();
  await sees(b, greeting);

  step('alice sees "Seen" once bob has read it');
  await a.locator('#messages .msg.mine .seen', { hasText: 'Seen' }).waitFor();
  assert.equal(await bobDot().and(a.locator('.online')).count(), 0, 'bob has not written: no presence yet');

  step('bob types: alice sees the typing indicator');
  await b.fill('#text', 'let me think');
  await a.locator('#typing', { hasText: `${bob} is typing` }).waitFor();

  step('bob answers over two lines (Shift+Enter), Enter sends');
  await b.fill('#text', 'line one');
  await b.press('#text', 'Shift+Enter');
  await b.type('#text', 'line two ☀️');
  await b.press('#text', 'Enter');
  await sees(a, 'line one\nline two ☀️');
  step('both have written now: alice sees bob online at once');
  await bobDot().and(a.locator('.online')).waitFor();

  step('alice sends an image; bob sees it rendered');
  const png = await a.screenshot({ clip: { x: 0, y: 0, width: 160, height: 100 } });
  await a.setInputFiles('#file', { name: 'screen.png', mimeType: 'image/png', buffer: png });
  await b.waitForFunction(() => {
    const img = document.querySelector('#messages .msg.theirs img.image');
    return img && img.complete && img.naturalWidth === 160 && img.naturalHeight === 100;
  });
  assert.match(await b.getAttribute('#messages .msg.theirs img.image', 'src'), /^blob:/);

  step('alice sends a file; bob gets a download button with its name');
  await a.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('meeting at 10\n') });
  await b.locator('#messages .msg.theirs button.file', { hasText: 'notes.txt' }).waitFor();

  step('a message that looks like markup is shown as text');
  const xss = '<img src=x onerror=alert(1)>';
  await send(a, xss);
  await sees(b, xss);
  assert.equal(await b.locator('#messages img:not(.image)').count(), 0, 'no element made from the body');

  step('bob reloads and keeps the history');
  const before = await messageTexts(b);
  await b.reload();
  await online(b);
  await sees(b, xss);
  assert.deepEqual(await messageTexts(b), before);
  assert.equal(await b.locator('#messages .msg img.image').count(), 1);

  step("alice's connection is cut; bob keeps sending; alice queues a message offline");
  proxyA.cut();
  await a.locator('#conn-status[data-state="offline"]').waitFor({ state: 'attached' });
  const missed = ['missed one', 'missed two', 'missed three'];
  for (const m of missed) await send(b, m);
  await a.fill('#text', 'written while offline');
  await a.press('#text', 'Enter');
  await a.locator('#messages .msg.pending', { hasText: 'written while offline' }).waitFor();

  step('alice reconnects: catches up once, her queued message goes out once');
  proxyA.restore();
  await online(a, 20000);
  for (const m of missed) await sees(a, m);
  await sees(b, 'written while offline');
  await a.locator('#messages .msg.pending').waitFor({ state: 'detached' });
  await a.locator('#conversations .conv.active .badge').waitFor({ state: 'detached' });
  const afterA = await messageTexts(a);
  const afterB = await messageTexts(b);
  for (const m of [...missed, 'written while offline', greeting]) {
    assert.equal(afterA.filter((t) => t === m).length, 1, `alice shows "${m}" once`);
    assert.equal(afterB.filter((t) => t === m).length, 1, `bob shows "${m}" once`);
  }
  assert.deepEqual(afterA, afterB, 'both show the same conversation in the same order');
  await a.screenshot({ path: path.join(out, 'chat-desktop.png') });
  await b.screenshot({ path: path.join(out, 'chat-phone.png') });

  step('bob recalls a message and reacts to another: alice sees both live');
  const conversationId = await a.evaluate(() => location.hash.slice(1));
  await b.evaluate(async ([id, greetingText]) => {
    const headers = { Authorization: `Bearer ${localStorage.getItem('chat.token')}`, 'Content-Type': 'application/json' };
    const page = await (await fetch(`/api/v1/conversations/${id}/messages`, { headers })).json();
    const find = (t) => page.messages.find((m) => m.body === t).seq;
    const recall = await fetch(`/api/v1/conversations/${id}/messages/${find('missed three')}`, { method: 'DELETE', headers });
    if (!recall.ok) throw new Error(`recall: ${recall.status}`);
    const react = await fetch(`/api/v1/conversations/${id}/messages/${find(greetingText)}/reactions`, {
      method: 'POST', headers, body: JSON.stringify({ emoji: '👍' }),
    });
    if (!react.ok) throw new Error(`react: ${react.status}`);
  }, [conversationId, greeting]);
  await a.locator('#messages .msg .recalled', { hasText: 'Message recalled' }).waitFor();
  await a.locator('#messages .msg .reaction', { hasText: '👍 1' }).waitFor();
  assert.equal((await messageTexts(a)).includes('missed three'), false);
  await a.screenshot({ path: path.join(out, 'chat-recall-reaction.png') });

  step('older messages load when scrolling up');
  const conversation = conversationId;
  await b.evaluate(async (id) => {
    const token = localStorage.getItem('chat.token');
    for (let i = 1; i <= 60; i += 1) {
      const r = await fetch(`/api/v1/conversations/${id}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_msg_id: `bulk-${i}`, kind: 'text', body: `bulk ${i}` }),
      });
      if (!r.ok) throw new Error(`send ${i}: ${r.status}`);
    }
  }, conversation);
  await a.reload();
  await sees(a, 'bulk 60');
  assert.equal(await a.locator('#messages .msg').count(), 50, 'the newest page first');
  await a.locator('#messages .start').waitFor({ state: 'detached' });
  for (let i = 0; i < 5 && (await a.locator('#messages .start').count()) === 0; i += 1) {
    await a.evaluate(() => { document.getElementById('messages').scrollTop = 0; });
    await a.waitForTimeout(300);
  }
  await a.locator('#messages .start').waitFor();
  await sees(a, greeting);
  const all = await messageTexts(a);
  assert.equal(new Set(all).size, all.length, 'no message twice after scrolling back');
  assert.equal(await a.locator('#messages .msg').count(), 1 + 1 + 1 + 1 + 1 + 3 + 1 + 60, 'every message once');

  step('alice creates a group with bob; bob sees it');
  await a.click('#new-group');
  await a.fill('#group-title', 'Team 🚀');
  await a.fill('#group-query', bob);
  await a.click(`#group-results button[data-username="${bob}"]`);
  await a.click('#group-form button[type="submit"]');
  await a.locator('#conv-title', { hasText: 'Team 🚀' }).waitFor();
  await send(a, 'welcome to the team');
  await b.click('#back');
  await b.locator('#conversations .conv', { hasText: 'Team 🚀' }).waitFor();

  step('alice pins her message: both see it pinned');
  await b.locator('#conversations .conv', { hasText: 'Team 🚀' }).click();
  await sees(b, 'welcome to the team');
  const welcome = (page) => page.locator('#messages .msg', { hasText: 'welcome to the team' });
  await welcome(a).locator('button.pin').click();
  await a.locator('#pins-button', { hasText: '📌 1' }).waitFor();
  await b.locator('#pins-button', { hasText: '📌 1' }).waitFor();
  await welcome(b).locator('.pinned').waitFor();
  assert.equal(await welcome(b).locator('button.pin').count(), 0, 'a plain member of a group cannot pin');
  await b.click('#pins-button');
  await b.locator('#pins-list li', { hasText: 'welcome to the team' }).waitFor();
  await b.click('#pins-dialog button');

  step('bob replies in its thread; alice sees the count and the reply, not in the timeline');
  await welcome(b).locator('button.reply-thread').click();
  await b.fill('#thread-text', 'count me in 🧵');
  await b.press('#thread-text', 'Enter');
  await b.locator('#thread-messages .msg:not(.pending) .text', { hasText: 'count me in 🧵' }).waitFor();
  await welcome(a).locator('.thread-link', { hasText: '1 reply' }).waitFor();
  assert.equal((await messageTexts(a)).includes('count me in 🧵'), false, 'a reply shows in its thread');
  await a.locator('#threads-button', { hasText: '🧵 1' }).waitFor(); // she wrote its root: she follows it
  await a.click('#threads-button');
  await a.locator('#threads-list li .badge', { hasText: '1' }).waitFor();
  await a.locator('#threads-list li button', { hasText: 'welcome to the team' }).click();
  await a.locator('#thread-messages .msg .text', { hasText: 'count me in 🧵' }).waitFor();
  await a.locator('#thread-follow', { hasText: 'Unfollow' }).waitFor();
  await a.locator('#threads-button', { hasText: /^🧵$/ }).waitFor(); // opening it read it
  await a.screenshot({ path: path.join(out, 'chat-thread.png') });
  await a.click('#thread-follow');
  await a.locator('#thread-follow', { hasText: /^Follow$/ }).waitFor();
  await a.click('#thread-close');
  await b.click('#thread-close');

  step('alice forwards it to the direct chat: bob sees it forwarded from her');
  await welcome(a).locator('button.forward').click();
  await a.locator('#forward-targets button', { hasText: `@${bob}` }).click();
  await b.click('#back');
  await b.locator('#conversations .conv', { hasText: alice }).click();
  await welcome(b).locator('.forwarded', { hasText: `@${alice}` }).waitFor();
  await b.click('#back');

  step('alice makes a webhook for the group; a post to its URL reaches bob from its bot');
  await a.locator('#conversations .conv', { hasText: 'Team 🚀' }).click();
  await a.click('#webhooks-button');
  await a.fill('#webhook-name', 'CI builds');
  await a.click('#webhook-form button[type="submit"]');
  const hookUrl = await a.locator('#webhook-url input').inputValue();
  await a.locator('#webhooks-list li', { hasText: 'CI builds' }).waitFor();
  await a.screenshot({ path: path.join(out, 'webhooks.png') });
  await a.click('#webhooks-close');
  const posted = await fetch(hookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'build #1 passed ✅' }),
  });
  assert.equal(posted.status, 201, 'the webhook posts');
  await b.locator('#conversations .conv', { hasText: 'Team 🚀' }).click();
  const fromBot = b.locator('#messages .msg', { hasText: 'build #1 passed ✅' });
  await fromBot.waitFor();
  assert.match(await fromBot.textContent(), /\[bot\]/, 'shown as a bot');
  await b.click('#back');

  step('alice, the owner, removes an off-topic message of bob: both see "Removed by a moderator"');
  await b.locator('#conversations .conv', { hasText: 'Team 🚀' }).click();
  await send(b, 'off-topic rant');
  const rant = (page) => page.locator('#messages .msg', { hasText: 'off-topic rant' });
  await rant(a).waitFor();
  await rant(b).locator('button.remove', { hasText: 'Recall' }).waitFor(); // his own
  await rant(a).locator('button.remove', { hasText: /^Remove$/ }).click();
  await rant(a).locator('button.remove', { hasText: 'Remove? Click again' }).click();
  await rant(b).waitFor({ state: 'detached' });
  await b.locator('#messages .msg .recalled', { hasText: 'Removed by a moderator' }).waitFor();
  await a.locator('#messages .msg .recalled', { hasText: 'Removed by a moderator' }).waitFor();
  await b.click('#back');

  step('bob blocks alice in their direct chat: her send there is refused; he unblocks her');
  await b.locator('#conversations .conv', { hasText: alice }).click();
  await b.locator('#block-button', { hasText: 'Block' }).click();
  await b.locator('#block-button', { hasText: 'Unblock' }).waitFor();
  const aliceToken = await a.evaluate(() => localStorage.getItem('chat.token'));
  const convs = await (await fetch(`${server}api/v1/conversations`, { headers: { authorization: `Bearer ${aliceToken}` } })).json();
  const dm = convs.find((c) => c.kind === 'direct'); // alice's one: with bob
  const refused = await fetch(`${server}api/v1/conversations/${dm.id}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${aliceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ client_msg_id: `blocked-${suffix}`, body: 'are you there?' }),
  });
  assert.equal(refused.status, 403, 'a blocked user cannot write in the direct chat');
  await b.locator('#block-button', { hasText: 'Unblock' }).click();
  await b.locator('#block-button', { hasText: /^Block$/ }).waitFor();
  await b.click('#back');

  step('bob sees the laptop he left signed in among his devices and signs it out');
  // Bob's logins: alice's are counted for the challenge step at the end.
  const left = await fetch(`${server}api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'OldLaptop/1.0 (Linux)' },
    body: JSON.stringify({ username: bob, password }),
  }).then((r) => r.json());
  await b.click('#devices-button');
  const laptopRow = b.locator('#sessions-list li', { hasText: 'OldLaptop/1.0' });
  await laptopRow.waitFor();
  await b.locator('#sessions-list li .badge', { hasText: 'this device' }).waitFor();
  await b.screenshot({ path: path.join(out, 'devices-phone.png') });
  await laptopRow.locator('button', { hasText: 'Sign out' }).click();
  await laptopRow.waitFor({ state: 'detached' });
  const gone = await fetch(`${server}api/v1/me`, { headers: { authorization: `Bearer ${left.token}` } });
  assert.equal(gone.status, 401, 'the laptop is signed out');

  step('bob downloads his data from the same dialog: his profile and what he wrote');
  const [download] = await Promise.all([b.waitForEvent('download'), b.click('#export-button')]);
  assert.equal(download.suggestedFilename(), 'chat-export.json');
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.format, 'chat-export/1');
  assert.equal(exported.profile.username, bob);
  assert.ok(exported.conversations.some((c) => c.messages.length > 0), 'his messages are in it');
  assert.ok(exported.conversations.every((c) => c.messages.every((m) => m.sender_id === exported.profile.id)));
  await b.click('#sessions-dialog button:not(#export-button)');

  step('the admin bans bob; his open page is signed out');
  const admin = await open({ width: 1000, height: 700 }, proxyA);
  await admin.goto(`${admin.base}/`);
  await admin.fill('#auth-username', adminName);
  await admin.fill('#auth-password', adminPassword);
  await admin.click('#sign-in');
  await admin.locator('#admin-link').click();
  await admin.locator('#panel').waitFor();
  await admin.waitForFunction(() => Number(document.getElementById('stat-users').textContent) >= 3);

  step("the admin page shows this hour's sign-ups");
  // Counted from the hour the sign-ups began, should the test straddle an hour.
  const recentSignups = () => admin.evaluate((since) => [...document.querySelectorAll('#signups li')]
    .filter((li) => Date.parse(li.dataset.hour) >= since)
    .reduce((n, li) => n + Number(li.querySelector('.count').textContent), 0), signUpHour);
  await admin.locator('#signups li').first().waitFor();
  assert.equal(await admin.locator('#signups li').count(), 24, 'every one of the last 24 hours');
  let recent = await recentSignups();
  for (const until = Date.now() + WAIT; recent < 2 && Date.now() < until; recent = await recentSignups()) {
    await admin.waitForTimeout(250); // the page refreshes its stats every 5 s
  }
  assert.ok(recent >= 2, `alice and bob among this hour's sign-ups (${recent})`);
  assert.match(await admin.getAttribute('#signups li:last-child', 'title'), /^\d\d:00 UTC: \d+ sign-ups?$/);
  step(`admin sees ${recent} sign-ups since the test began`);
  step('bob reports a message of alice; the admin removes it from the queue');
  await b.locator('#conversations .conv', { hasText: 'Team 🚀' }).click();
  await welcome(b).locator('button.report').click();
  await b.fill('#report-reason', 'rude');
  await b.click('#report-form button[type="submit"]');
  await b.locator('#toast', { hasText: 'Reported' }).waitFor();
  await admin.reload();
  await admin.locator('#panel').waitFor();
  const reported = admin.locator('#reports-list li', { hasText: 'welcome to the team' });
  await reported.locator('.reason', { hasText: 'rude' }).waitFor();
  await admin.screenshot({ path: path.join(out, 'admin-reports.png') });
  await reported.locator('button', { hasText: 'Remove message' }).click();
  await admin.locator('#reports-empty').waitFor();
  await welcome(b).waitFor({ state: 'detached' }); // a tombstone now, for both
  await b.locator('#messages .msg .recalled', { hasText: 'Removed by a moderator' }).nth(1).waitFor();
  await b.click('#back');

  step('the admin makes a bot: its token, shown once, works until revoked');
  const botName = `ci_${suffix}`;
  await admin.fill('#bot-username', botName);
  await admin.fill('#bot-display-name', 'CI 🤖');
  await admin.click('#bot-form button[type="submit"]');
  const botToken = await admin.locator('#bot-token input').inputValue();
  const asBot = () => fetch(`${server}api/v1/me`, { headers: { authorization: `Bearer ${botToken}` } });
  const botMe = await (await asBot()).json();
  assert.equal(botMe.bot, true);
  await admin.fill('#admin-query', botName);
  const botRow = admin.locator(`#user-rows tr[data-username="${botName}"]`);
  await botRow.locator('td', { hasText: 'bot' }).first().waitFor();
  await admin.screenshot({ path: path.join(out, 'admin-bot.png') });
  await botRow.locator('button', { hasText: 'Revoke token' }).click();
  await admin.locator('#bot-token').waitFor({ state: 'hidden' });
  assert.equal((await asBot()).status, 401, 'the revoked token no longer works');

  await admin.fill('#admin-query', bob);
  await admin.waitForFunction(
    (name) => [...document.querySelectorAll('#user-rows tr')].map((r) => r.dataset.username).join() === name,
    bob,
  );
  const row = admin.locator(`#user-rows tr[data-username="${bob}"]`);
  await row.locator('button', { hasText: 'Ban' }).click();
  await row.locator('td', { hasText: 'banned' }).waitFor();
  await b.locator('#auth-notice', { hasText: 'signed out' }).waitFor();
  await bobDot().and(a.locator('.offline')).waitFor();
  assert.equal(await b.locator('#app').isHidden(), true);
  await admin.screenshot({ path: path.join(out, 'admin.png') });
  await b.screenshot({ path: path.join(out, 'banned-phone.png') });

  step('bob cannot sign in again');
  await b.fill('#auth-username', bob);
  await b.fill('#auth-password', password);
  await b.click('#sign-in');
  await b.locator('#auth-error', { hasText: /banned/i }).waitFor();

  step('alice signs out with a message still queued: nothing of the account stays in the browser');
  const stored = () => a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chat.')));
  proxyA.cut();
  await a.locator('#conn-status[data-state="offline"]').waitFor({ state: 'attached' });
  await a.fill('#text', 'never sent');
  await a.press('#text', 'Enter');
  await a.locator('#messages .msg.pending', { hasText: 'never sent' }).waitFor();
  assert.ok((await stored()).some((k) => k.startsWith('chat.outbox.')), 'the queued message is kept while signed in');
  await a.click('#sign-out');
  await a.locator('#auth').waitFor();
  assert.deepEqual(await stored(), [], 'no token and no outbox after sign-out');
  proxyA.restore();

  step('alice mistypes her password three times, then types it right: she gets in after a challenge');
  for (let i = 1; i <= 3; i += 1) {
    await a.fill('#auth-username', alice);
    await a.fill('#auth-password', `wrong password ${i}`);
    await a.click('#sign-in'); // waits for the button to be enabled again, past any earlier solve
    await a.waitForFunction(() => document.getElementById('auth-error').textContent !== ''
      && !document.getElementById('sign-in').disabled, null, { timeout: SIGN_UP_WAIT });
  }
  assert.equal(await a.locator('#app').isHidden(), true);
  await a.screenshot({ path: path.join(out, 'login-failed.png') });
  await a.fill('#auth-password', password);
  await a.click('#sign-in');
  await online(a, SIGN_UP_WAIT);
  step(`pow solve ms=${await powMs(a)} (the login's challenge)`);

  assert.deepEqual(failures, []);
  step(`passed; screenshots in ${out}`);
} catch (e) {
  for (const [name, page] of [['alice', a], ['bob', b]]) {
    await page.screenshot({ path: path.join(out, `failed-${name}.png`) }).catch(() => {});
  }
  console.error(e);
  if (failures.length) console.error(failures);
  process.exitCode = 1;
} finally {
  await browser.close();
  proxyA.close();
  proxyB.close();
}
