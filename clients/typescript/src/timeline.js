// Each conversation's timeline as shown: every message once, in seq order. A message
// past the next seq waits until the hole before it is filled.

export class Held {
  #byConversation = new Map(); // conversation id → Map(seq → message)

  /**
   * Offers `m` against `mark` (moved forward in place): the messages that show now, in
   * order, and `holeAfter`, the seq after which one is missing while others wait.
   */
  offer(mark, m) {
    if (m.seq <= mark.seq) return { messages: [], holeAfter: undefined };
    const id = m.conversation_id;
    let held = this.#byConversation.get(id);
    if (!held) this.#byConversation.set(id, (held = new Map()));
    held.set(m.seq, m);
    const messages = [];
    for (let next = held.get(mark.seq + 1); next; next = held.get(mark.seq + 1)) {
      held.delete(next.seq);
      mark.seq = next.seq;
      messages.push(next);
    }
    if (held.size === 0) {
      this.#byConversation.delete(id);
      return { messages, holeAfter: undefined };
    }
    return { messages, holeAfter: mark.seq };
  }

  /** A change to a message held back: it shows as it is now once its turn comes. */
  update(m) {
    const held = this.#byConversation.get(m.conversation_id);
    if (held && held.has(m.seq)) held.set(m.seq, m);
  }

  forget(id) {
    this.#byConversation.delete(id);
  }
}
