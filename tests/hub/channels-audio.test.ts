import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAll, startChannelHub, SMS, twilioMms, WA, type ChannelHub } from './channels-support';
import { exe, mp3, mp4, opusVoiceNote, sha256 } from './file-fixtures';
import { postMetaWebhook, waMessages } from './fake-providers/whatsapp';
import { postTwilioWebhook } from './fake-providers/twilio';
import { BACKENDS } from './support';

/**
 * Voice notes from a channel (issue 15, FEATURES G2): WhatsApp and MMS audio is fetched into the
 * file store, its type sniffed from the bytes (audio is allowed for channel media only), kept with
 * that type and served as such once reviewed; bytes that only claim to be audio are not kept.
 */
describe.each(BACKENDS)('channel audio on %s', (backend) => {
  let h: ChannelHub;
  beforeEach(async () => {
    h = await startChannelHub(backend);
    await connectAll(h);
  });
  afterEach(async () => h.stop());

  const voiceNote = (id: string, mediaId: string) =>
    waMessages({ waId: '393331234567', name: 'Giulia' }, [
      {
        from: '393331234567',
        id,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'audio',
        audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true },
      },
    ]);
  const files = () =>
    h.t.db.query<{ id: string; text: string; name: string | null; mime: string | null; sha256: string | null }>(
      `select f.id, m.text, f.name, f.mime, f.sha256 from messages m left join files f on f.message_id = m.id
        where m.author = 'visitor' order by m.created_at, m.id`,
    );
  const download = (fileId: string) =>
    fetch(`${h.t.hub.url}/api/files/${fileId}`, { headers: { authorization: `Bearer ${h.admin}` } });

  it('keeps a WhatsApp voice note as Ogg audio and serves it with that type once accepted', async () => {
    const note = opusVoiceNote();
    h.wa.media.set('MEDIA_VOICE', { bytes: note, mime: 'audio/ogg; codecs=opus' });
    expect(
      (await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, voiceNote('wamid.voice', 'MEDIA_VOICE'))).status,
    ).toBe(200);
    await h.settled();
    const [row] = await files();
    expect(row).toMatchObject({ text: 'file.ogg', name: 'file.ogg', mime: 'audio/ogg', sha256: sha256(note) });
    // The rep reviews it like any customer's file (FEATURES D4); then it is served as audio.
    expect((await download(row.id!)).status).toBe(403);
    await h.t.db.query(`update files set status = 'accepted' where id = $1`, [row.id]);
    const got = await download(row.id!);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('audio/ogg');
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(note));
  });

  it('keeps an MMS voice message as MP3 audio', async () => {
    const audio = mp3();
    h.twilio.media.set('ME_AUDIO', { bytes: audio, mime: 'audio/mpeg' });
    const params = twilioMms(h, 'MM33333333333333333333333333333333', '', 'ME_AUDIO', 'audio/mpeg');
    expect((await postTwilioWebhook(h.hook('sms'), h.hook('sms'), SMS.authToken, params)).status).toBe(200);
    await h.settled();
    expect(await files()).toEqual([
      expect.objectContaining({ name: 'file.mp3', mime: 'audio/mpeg', sha256: sha256(audio) }),
    ]);
  });

  it('keeps a voice clip in a plain MP4 file (one sound track) as MP4 audio, and no MP4 with a picture', async () => {
    const clip = mp4(['soun']);
    h.twilio.media.set('ME_CLIP', { bytes: clip, mime: 'audio/mp4' });
    h.twilio.media.set('ME_VIDEO', { bytes: mp4(['soun', 'vide']), mime: 'audio/mp4' });
    for (const [sid, media] of [
      ['MM44444444444444444444444444444444', 'ME_CLIP'],
      ['MM55555555555555555555555555555555', 'ME_VIDEO'],
    ]) {
      const params = twilioMms(h, sid, '', media, 'audio/mp4');
      expect((await postTwilioWebhook(h.hook('sms'), h.hook('sms'), SMS.authToken, params)).status).toBe(200);
    }
    await h.settled();
    const rows = await files();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ mime: 'audio/mp4', sha256: sha256(clip) });
    expect(rows[1]).toMatchObject({ id: null, mime: null });
    expect(rows[1].text).toMatch(/MP4 \(video\/mp4\)/);
  });

  it('keeps no file that claims to be audio but is not, and says so in the message', async () => {
    h.wa.media.set('MEDIA_FAKE', { bytes: exe(), mime: 'audio/ogg' });
    await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, voiceNote('wamid.fake-voice', 'MEDIA_FAKE'));
    await h.settled();
    const rows = await files();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: null, mime: null });
    expect(rows[0].text).toMatch(/not on the list of allowed files/);
    const [{ n }] = await h.t.db.query<{ n: string }>('select count(*) as n from files');
    expect(Number(n)).toBe(0);
  });
});
