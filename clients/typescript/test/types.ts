// Compiled by `tsc --noEmit` only: the types describe the API as a program uses it.
import { ChatClient, ChatError, LocalStorageStore, MemoryStore, type Message, type SyncStore } from '../index.js';
import { FileStore } from '../file-store.js';

async function example(): Promise<void> {
  const client = await ChatClient.login('https://chat.example.com', 'alice', 'secret', {
    store: new MemoryStore(),
    backfill: 50,
  });
  const off = client.on('message', (m: Message) => {
    const text: string | null = m.body;
    console.log(m.conversation_id, m.seq, text);
  });
  client.on('acked', ({ clientMsgId, message }) => console.log(clientMsgId, message.seq));
  client.on('failed', ({ error }) => console.log(error.code, error.transient));
  client.on('status', ({ status, retryInMs }) => console.log(status, retryInMs ?? 0));
  client.on('conversation', (c) => console.log(c.id, c.unread, c.members.length, c.last_version));
  client.on('left', (id: string) => console.log(id));
  await client.start();
  const [first] = await client.api.conversations();
  if (first) {
    const sent: Message = await client.sendText(first.id, 'hello');
    await client.api.edit(first.id, sent.seq, 'hello again');
    const older = await client.api.history(first.id, { beforeSeq: sent.seq, limit: 50 });
    console.log(older.length, client.marks[first.id]?.seq);
  }
  const store: SyncStore = new LocalStorageStore('chat.sync.me');
  const onDisk = new FileStore('/var/lib/app/chat-sync.json');
  console.log((await onDisk.load()).outbox.length);
  console.log(await store.load(), client.pending.length);
  for (const s of await client.api.sessions()) {
    if (!s.current && s.user_agent?.includes('Android')) await client.api.endSession(s.id);
  }
  const mine = await client.api.exportData();
  console.log(mine.profile.username, mine.conversations.map((c) => [c.role, c.messages.length, c.reactions[0]?.emoji]));
  try {
    await client.api.me();
  } catch (e) {
    if (e instanceof ChatError && e.status === 401) off();
  }
  await client.stop();
}

void example;
