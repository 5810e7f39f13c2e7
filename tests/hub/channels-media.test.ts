import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAll, startChannelHub, SMS, twilioMms, WA, type ChannelHub } from './channels-support';
import { exe, pdf, png, sha256 } from './file-fixtures';
import { postMetaWebhook, waMessages } from './fake-providers/whatsapp';
import { postTwilioWebhook } from './fake-providers/twilio';
import { BACKENDS } from './support';

/**
 * A customer's files from a channel (issue 15, FEATURES G2, D3): fetched from the provider's API into
 * the file store, their type sniffed from the bytes and the chat's size limit applied as for a
 * visitor's upload. A file that fails is not kept, but the message says so: nothing is lost.
 */
describe.each(BACKENDS)('channel media on %s', (backend) => {
  let h: ChannelHub;
  beforeEach(async () => {
    h = await startChannelHub(backend);
    await connectAll(h);
  });
  afterEach(async () => h.stop());

  const waMedia = (id: string, type: 'image' | 'document', media: Record<string, string>) =>
    waMessages({ waId: '393331234567', name: 'Giulia' }, [
      { from: '393331234567', id, timestamp: String(Math.floor(Date.now() / 1000)), type, [type]: media },
    ]);
  const messagesWithFiles = () =>
    h.t.db.query<{
      text: string;
      name: string | null;
      mime: string | null;
      status: string | null;
      sha256: string | null;
    }>(
      `select m.text, f.name, f.mime, f.status, f.sha256 from messages m left join files f on f.message_id = m.id where m.author = 'visitor' order by m.created_at, m.id`,
    );

  it("fetches a WhatsApp image and document by media id with the connection's token, sniffed and waiting for review", async () => {
    const image = png();
    const doc = pdf(2048);
    h.wa.media.set('MEDIA_IMG', { bytes: image, mime: 'image/png' });
    h.wa.media.set('MEDIA_DOC', { bytes: doc, mime: 'application/pdf' });
    await postMetaWebhook(
      h.hook('whatsapp'),
      WA.appSecret,
      waMedia('wamid.img', 'image', { id: 'MEDIA_IMG', mime_type: 'image/png' }),
    );
    await postMetaWebhook(
      h.hook('whatsapp'),
      WA.appSecret,
      waMedia('wamid.doc', 'document', { id: 'MEDIA_DOC', mime_type: 'application/pdf', filename: 'invoice.pdf' }),
    );
    await h.settled();
    expect(await messagesWithFiles()).toEqual([
      { text: 'file.png', name: 'file.png', mime: 'image/png', status: 'pending', sha256: sha256(image) },
      { text: 'invoice.pdf', name: 'invoice.pdf', mime: 'application/pdf', status: 'pending', sha256: sha256(doc) },
    ]);
  });

  it('keeps no file over the chat limit or of a type not allowed, and says so in the message', async () => {
    await h.t.db.query(`update chats set file_max_bytes = 1500 where id = 'ch_demo'`);
    h.wa.media.set('MEDIA_BIG', { bytes: pdf(4096), mime: 'application/pdf' });
    h.wa.media.set('MEDIA_EXE', { bytes: exe(), mime: 'application/pdf' });
    await postMetaWebhook(
      h.hook('whatsapp'),
      WA.appSecret,
      waMedia('wamid.big', 'document', { id: 'MEDIA_BIG', filename: 'big.pdf' }),
    );
    await postMetaWebhook(
      h.hook('whatsapp'),
      WA.appSecret,
      waMedia('wamid.exe', 'document', { id: 'MEDIA_EXE', filename: 'cv.pdf' }),
    );
    await h.settled();
    const rows = await messagesWithFiles();
    expect(rows.map((r) => r.name)).toEqual([null, null]);
    expect(rows[0].text).toMatch(/larger than this chat's limit of 1500 bytes/);
    expect(rows[1].text).toMatch(/not on the list of allowed files/);
    const [{ n }] = await h.t.db.query<{ n: string }>('select count(*) as n from files');
    expect(Number(n)).toBe(0);
  });

  it('fetches MMS media from Twilio with basic auth, and an SMS with text and a picture becomes two messages', async () => {
    const image = png();
    h.twilio.media.set('ME1', { bytes: image, mime: 'image/png' });
    const params = twilioMms(h, 'MM22222222222222222222222222222222', 'Here is the damage', 'ME1', 'image/png');
    expect((await postTwilioWebhook(h.hook('sms'), h.hook('sms'), SMS.authToken, params)).status).toBe(200);
    await h.settled();
    const rows = await messagesWithFiles();
    expect(rows.map((r) => [r.text, r.mime])).toEqual([
      ['Here is the damage', null],
      ['file.png', 'image/png'],
    ]);
  });

  it('retries from the database when the media cannot be fetched yet, and stores the message once it can', async () => {
    h.wa.media.set('MEDIA_LATE', { bytes: png(), mime: 'image/png' });
    h.wa.down = true;
    await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, waMedia('wamid.late', 'image', { id: 'MEDIA_LATE' }));
    await h.settled();
    const [pending] = await h.t.db.query<{ attempts: number; processed_at: Date | null; last_error: string }>(
      'select attempts, processed_at, last_error from channel_inbound',
    );
    expect(pending).toMatchObject({ attempts: 1, processed_at: null });
    expect(pending.last_error).toMatch(/unavailable|503/);
    expect(await messagesWithFiles()).toEqual([]);
    h.wa.down = false;
    await h.t.db.query('update channel_inbound set next_attempt_at = now()');
    h.t.hub.ctx.channels.kick();
    await h.settled();
    expect((await messagesWithFiles()).map((r) => r.mime)).toEqual(['image/png']);
  });
});
