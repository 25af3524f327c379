// Blocking from a direct conversation's header: "Block" stops the other person from
// writing to you here (they are told no more than anyone refused is) and hides their
// presence and typing from you; "Unblock" takes it back.
import { $, api } from './common.js';

let peer = null;
let blocked = new Set();

function render() {
  $('block-button').hidden = peer === null;
  $('block-button').textContent = blocked.has(peer) ? 'Unblock' : 'Block';
}

/** Shows the button for the direct conversation with `peerId` (null: none). */
export async function showBlockFor(peerId, fail) {
  peer = peerId;
  render();
  if (peer === null) return;
  try {
    blocked = new Set((await api('GET', '/blocks')).map((u) => u.id));
  } catch (e) {
    fail(e.message);
  }
  render();
}

/** Wires the button. */
export function wireBlocking(fail) {
  $('block-button').addEventListener('click', async () => {
    const who = peer;
    if (who === null) return;
    try {
      if (blocked.has(who)) {
        await api('DELETE', `/blocks/${who}`);
        blocked.delete(who);
      } else {
        await api('POST', '/blocks', { user_id: who });
        blocked.add(who);
      }
    } catch (e) {
      fail(e.message);
    }
    render();
  });
}
