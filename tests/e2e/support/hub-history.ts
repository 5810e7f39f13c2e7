import WebSocket from 'ws';
import { PROTOCOL_VERSION, RepServerFrame, type Message } from '../../../protocol';
import { DEMO_PASSWORD } from './helpers';

/**
 * The hub's own stored copy of a conversation, read as a rep's client reads it: sign in over REST,
 * open /ws/rep and ask for `history` (the latest messages, from the database, oldest first).
 */
export async function hubHistory(hubUrl: string, email: string, conversationId: string): Promise<Message[]> {
  const login = await fetch(`${hubUrl}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/ws/rep`);
  try {
    return await new Promise<Message[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no history from the hub within 15 s')), 15_000);
      ws.on('error', reject);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, token, lastEventId: 0 })));
      ws.on('message', (data) => {
        const frame = RepServerFrame.parse(JSON.parse(data.toString()));
        if (frame.type === 'synced') ws.send(JSON.stringify({ type: 'history', reqId: 'history-1', conversationId }));
        if (frame.type === 'history') {
          clearTimeout(timer);
          resolve(frame.messages);
        }
        if (frame.type === 'error') reject(new Error(`hub refused: ${frame.message}`));
      });
    });
  } finally {
    ws.close();
  }
}
