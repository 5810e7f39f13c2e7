import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadConfig } from './config';

describe('demo data only when asked, and only on loopback', () => {
  it('a hub seeds no demo accounts unless PARLEY_DEMO=1', () => {
    expect(loadConfig({}).seedDemo).toBe(false);
    expect(loadConfig({ PARLEY_DEMO: '0' }).seedDemo).toBe(false);
    expect(loadConfig({ PARLEY_DEMO: '1' }).seedDemo).toBe(true);
  });

  it.each(['0.0.0.0', '192.168.1.5', '::', 'parley.example'])(
    'a hub bound to %s refuses PARLEY_DEMO=1, saying how to go live',
    (host) => {
      expect(() => loadConfig({ PARLEY_DEMO: '1', PARLEY_HOST: host })).toThrow(
        /PARLEY_DEMO=1 is refused on .*loopback only.*create-super-user/,
      );
      expect(loadConfig({ PARLEY_HOST: host }).seedDemo).toBe(false);
    },
  );

  it.each(['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(loadConfig({ PARLEY_DEMO: '1', PARLEY_HOST: host }).seedDemo).toBe(true);
  });

  it('takes the public address for links and the mail server from the environment, checked', () => {
    expect(loadConfig({ PARLEY_PUBLIC_URL: 'https://chat.shop.example/' }).publicUrl).toBe('https://chat.shop.example');
    expect(() => loadConfig({ PARLEY_PUBLIC_URL: 'ftp://x' })).toThrow(/PARLEY_PUBLIC_URL/);
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example:2525' }).mail).toMatchObject({
      smtpUrl: 'smtp://mail.example:2525',
    });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
  });
});

describe('metrics only when asked, on their own address', () => {
  it('are off by default and listen on loopback port 9464 when PARLEY_METRICS=1', () => {
    expect(loadConfig({}).metrics).toBeNull();
    expect(loadConfig({ PARLEY_METRICS: '1' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ PARLEY_METRICS: '1', PARLEY_METRICS_LISTEN: '[::1]:9100' }).metrics).toEqual({
      host: '::1',
      port: 9100,
    });
  });

  it('refuse an address that is not host:port', () => {
    expect(() => loadConfig({ PARLEY_METRICS: '1', PARLEY_METRICS_LISTEN: '9464' })).toThrow(/PARLEY_METRICS_LISTEN/);
    expect(() => loadConfig({ PARLEY_METRICS: '1', PARLEY_METRICS_LISTEN: 'a:99999' })).toThrow(/host:port/);
  });
});
