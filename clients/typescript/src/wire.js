// The socket's address and the frames the engine writes.

/** The server closes the socket on a larger frame (1009). */
export const MAX_FRAME_BYTES = 64 * 1024;

/** A fresh client message id (crypto.randomUUID needs a secure context; plain HTTP is common). */
export function newClientMsgId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function socketUrl(base) {
  if (base === '') {
    const scheme = globalThis.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${globalThis.location.host}/ws`;
  }
  return `${base.replace(/^http/, 'ws')}/ws`;
}

export function sendFrame(p) {
  return JSON.stringify({
    type: 'send',
    req: p.client_msg_id,
    conversation_id: p.conversation_id,
    client_msg_id: p.client_msg_id,
    kind: p.kind,
    body: p.body,
    reply_to: p.reply_to,
    thread_root: p.thread_root,
    forward: p.forward,
  });
}
