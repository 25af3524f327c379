// Catching up: sync since the saved cursor, then history `after_seq` and changes
// `after_version` for each conversation the answer names; and filling a hole seen in
// live events. Each message is shown once, in seq order per conversation.

import { Held } from './timeline.js';

const PAGE = 100;

export class CatchUp {
  /**
   * `state`: the engine's persisted state (cursor, marks); `emit(type, value)`;
   * `backfill`: how many of a conversation's latest messages to show when it is first
   * seen (Infinity: all of them).
   */
  constructor(api, state, emit, backfill) {
    this.api = api;
    this.state = state;
    this.emit = emit;
    this.backfill = backfill;
    this.held = new Held();
  }

  /** Sync → history → changes; the new cursor is kept only once all of it is shown. */
  async run() {
    let since = this.state.cursor;
    let full = since === null;
    const listed = new Set();
    let todo = [];
    for (;;) {
      let answer;
      try {
        answer = await this.api.sync(since === null ? undefined : since);
      } catch (e) {
        if (e.status === 400 && since !== null && !full) {
          // A cursor the server cannot use: start again with the full state.
          since = null;
          full = true;
          listed.clear();
          todo = [];
          continue;
        }
        throw e;
      }
      for (const c of answer.conversations) {
        listed.add(c.id);
        if (!this.state.marks[c.id]) this.state.marks[c.id] = this.startMark(c);
        todo.push([c.id, c.last_seq, c.last_version]);
        this.emit('conversation', c);
      }
      for (const id of answer.left) this.leave(id);
      since = answer.cursor;
      if (!answer.more) break;
    }
    if (full) {
      // A full state names every conversation: the others were left meanwhile.
      for (const id of Object.keys(this.state.marks)) if (!listed.has(id)) this.leave(id);
    }
    for (const [id, lastSeq, lastVersion] of todo) {
      await this.fillHistory(id, lastSeq);
      await this.fillChanges(id, lastVersion);
    }
    this.state.cursor = since;
  }

  /** Where a conversation seen for the first time starts showing. */
  startMark(c) {
    if (this.backfill === Infinity) return { seq: 0, version: 0 };
    return { seq: Math.max(0, c.last_seq - this.backfill), version: c.last_version };
  }

  leave(id) {
    if (!this.state.marks[id]) return;
    delete this.state.marks[id];
    this.held.forget(id);
    this.emit('left', id);
  }

  /**
   * A live message: shown once, in order; a hole before it is filled from history. One
   * of a conversation not followed (joined just now, or left) shows only if a sync
   * finds the user a member (the catch-up then shows it with the history before).
   */
  async offer(m) {
    const id = m.conversation_id;
    if (!this.state.marks[id]) await this.run();
    const mark = this.state.marks[id];
    if (!mark) return;
    const shown = this.held.offer(mark, m);
    for (const one of shown.messages) this.emit('message', one);
    if (shown.holeAfter !== undefined) await this.fillHistory(id, shown.holeAfter + PAGE);
  }

  /** A live change: applied when it is the next version, else fetched with those between. */
  async onUpdate(m) {
    const mark = this.state.marks[m.conversation_id];
    if (!mark || m.version <= mark.version) return;
    if (m.version === mark.version + 1) this.apply(m);
    else await this.fillChanges(m.conversation_id, m.version);
  }

  /** Shows every message after the mark up to `upto` (or as far as history goes). */
  async fillHistory(id, upto) {
    for (;;) {
      const mark = this.state.marks[id];
      if (!mark || mark.seq >= upto) return;
      const page = await this.api.history(id, { afterSeq: mark.seq, limit: PAGE });
      for (const m of page) {
        const now = this.state.marks[id];
        if (!now) return;
        for (const one of this.held.offer(now, m).messages) this.emit('message', one);
      }
      if (page.length < PAGE) return;
    }
  }

  /** Applies every change after the mark up to `upto`. */
  async fillChanges(id, upto) {
    for (;;) {
      const mark = this.state.marks[id];
      if (!mark || mark.version >= upto) return;
      const page = await this.api.changes(id, { afterVersion: mark.version, limit: PAGE });
      for (const m of page) this.apply(m);
      if (page.length < PAGE) return;
    }
  }

  apply(m) {
    const mark = this.state.marks[m.conversation_id];
    if (!mark) return;
    mark.version = Math.max(mark.version, m.version);
    // A message not shown yet will show as it is now.
    if (m.seq <= mark.seq) this.emit('updated', m);
    else this.held.update(m);
  }
}
