import { describe, expect, it } from 'vitest';
import { metaSignature, metaSignatureValid, twilioSignature, twilioSignatureValid } from '#hub/channels/signatures';
import { open, parseSecretKey, seal } from '#hub/channels/crypto';

/**
 * The webhook signatures (issue 15) against the providers' published examples, and the sealing of
 * channel secrets. Twilio's example is from its "Validating requests" documentation (auth token
 * 12345). Meta publishes no worked example for X-Hub-Signature-256; the same header and scheme
 * (HMAC-SHA256 of the raw body, `sha256=` hex) is GitHub's, whose documentation gives one.
 */
describe('channel webhook signatures', () => {
  const twilioExample = {
    token: '12345',
    url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
    params: new URLSearchParams({
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675310',
      Digits: '1234',
      From: '+14158675310',
      To: '+18005551212',
    }),
    signature: 'GvWf1cFY/Q7PnoempGyD5oXAezc=',
  };

  it("accepts Twilio's documented example and refuses it with any part changed", () => {
    const { token, url, params, signature } = twilioExample;
    expect(twilioSignature(token, url, params)).toBe(signature);
    expect(twilioSignatureValid(token, url, params, signature)).toBe(true);
    expect(twilioSignatureValid('54321', url, params, signature)).toBe(false);
    expect(twilioSignatureValid(token, url.replace('foo=1', 'foo=2'), params, signature)).toBe(false);
    const changed = new URLSearchParams(params);
    changed.set('Digits', '1235');
    expect(twilioSignatureValid(token, url, changed, signature)).toBe(false);
    expect(twilioSignatureValid(token, url, params, undefined)).toBe(false);
    expect(twilioSignatureValid(token, url, params, 'not base64 at all')).toBe(false);
  });

  it('accepts the documented X-Hub-Signature-256 example and refuses a wrong, truncated or missing one', () => {
    const secret = "It's a Secret to Everybody";
    const body = Buffer.from('Hello, World!');
    const documented = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(metaSignature(secret, body)).toBe(documented);
    expect(metaSignatureValid(secret, body, documented)).toBe(true);
    expect(metaSignatureValid(secret, body, documented.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(metaSignatureValid(secret, Buffer.from('Hello, World?'), documented)).toBe(false);
    expect(metaSignatureValid('another secret', body, documented)).toBe(false);
    expect(metaSignatureValid(secret, body, documented.slice(0, -2))).toBe(false);
    expect(metaSignatureValid(secret, body, documented.replace('sha256=', 'sha1='))).toBe(false);
    expect(metaSignatureValid(secret, body, undefined)).toBe(false);
  });
});

describe('channel secrets at rest', () => {
  const key = parseSecretKey('0f'.repeat(32));

  it('seals with AES-256-GCM so that only the same key and the same connection open it', () => {
    const sealed = seal(key, '{"appSecret":"s3cret"}', 'ch_demo/whatsapp');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('s3cret');
    expect(seal(key, '{"appSecret":"s3cret"}', 'ch_demo/whatsapp')).not.toBe(sealed); // a fresh IV each time
    expect(open(key, sealed, 'ch_demo/whatsapp')).toBe('{"appSecret":"s3cret"}');
    expect(() => open(key, sealed, 'ch_other/whatsapp')).toThrow(/do not open/);
    expect(() => open(parseSecretKey(Buffer.alloc(32, 7).toString('base64')), sealed, 'ch_demo/whatsapp')).toThrow(
      /do not open/,
    );
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => open(key, [v, iv, tag, flipped.toString('base64url')].join('.'), 'ch_demo/whatsapp')).toThrow(
      /do not open/,
    );
  });

  it('refuses to seal without a key, saying how to set one, and refuses a key of the wrong size', () => {
    expect(() => seal(null, 'x', 'c')).toThrow(/PARLEY_SECRET_KEY/);
    expect(() => parseSecretKey('too-short')).toThrow(/32 bytes/);
  });
});
