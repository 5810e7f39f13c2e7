import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, visitorActor } from './actors';
import { BACKENDS, startTestHub } from './support';

/**
 * Issue 14, page tracking: the pages a visitor views, and the page a message was written on, are
 * kept as origin and path — query strings and fragments (search terms, emails, reset tokens) are
 * dropped by the hub unless the chat opts in (`chats.track_query`), whatever the widget sent.
 */
describe.each(BACKENDS)('page addresses on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    t = await startTestHub(backend);
    // A chat as a super user makes it (the demo shop opts in: its product pages differ by query).
    await t.db.query(`insert into chats (id, key, name) values ('ch_private', 'private-shop', 'Private shop')`);
  });
  afterAll(() => t.stop());

  const tracked = (visitorId: string) =>
    t.db.query<{ kind: string; url: string }>(
      'select kind, url from crm_visitor_events where visitor_id = $1 order by id',
      [visitorId],
    );

  /** A visitor who views a page with a query, adds to the cart from it and writes from another. */
  async function browseAndWrite() {
    const v = await visitorActor(t.hub, undefined, 'private-shop');
    const features = await v.socket.next((f) => f.type === 'features');
    v.socket.send({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/account?email=ana%40example.test#orders',
      title: 'Account',
    });
    v.socket.send({
      type: 'track',
      event: 'cart_add',
      url: 'https://shop.example/p/lamp?ref=newsletter',
      productId: 'pr_lamp',
    });
    const clientId = randomUUID();
    v.socket.send({
      type: 'send',
      clientId,
      text: 'Can I change my order?',
      pageUrl: 'https://shop.example/reset?token=s3cret',
    });
    const { messageId } = await v.socket.next((f) => f.type === 'ack' && f.clientId === clientId);
    await eventually(async () => expect(await tracked(v.id)).toHaveLength(2));
    const [message] = await t.db.query<{ page_url: string }>('select page_url from messages where id = $1', [
      messageId,
    ]);
    v.close();
    return { features, tracked: await tracked(v.id), pageUrl: message.page_url };
  }

  it('drops query strings and fragments by default, and the widget is told so', async () => {
    const seen = await browseAndWrite();
    expect(seen.features).toMatchObject({ trackQuery: false });
    expect(seen.tracked).toEqual([
      { kind: 'page_view', url: 'https://shop.example/account' },
      { kind: 'cart_add', url: 'https://shop.example/p/lamp' },
    ]);
    expect(seen.pageUrl).toBe('https://shop.example/reset');
  });

  it('keeps them for a chat that opted in', async () => {
    await t.db.query(`update chats set track_query = true where id = 'ch_private'`);
    const seen = await browseAndWrite();
    expect(seen.features).toMatchObject({ trackQuery: true });
    expect(seen.tracked.map((r) => r.url)).toEqual([
      'https://shop.example/account?email=ana%40example.test#orders',
      'https://shop.example/p/lamp?ref=newsletter',
    ]);
    expect(seen.pageUrl).toBe('https://shop.example/reset?token=s3cret');
  });
});
