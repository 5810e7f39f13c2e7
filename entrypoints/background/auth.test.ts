import { describe, expect, it, vi } from 'vitest';
import { isSecureHubUrl, login, normalizeHubUrl } from './auth';

describe('normalizeHubUrl', () => {
  it('accepts full and bare addresses and drops a trailing slash', () => {
    expect(normalizeHubUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(normalizeHubUrl(' 127.0.0.1:8787 ')).toBe('http://127.0.0.1:8787');
    expect(normalizeHubUrl('https://hub.example.com/parley/')).toBe('https://hub.example.com/parley');
  });

  it('refuses what cannot be a hub', () => {
    expect(normalizeHubUrl('')).toBeNull();
    expect(normalizeHubUrl('ftp://hub.example.com')).toBeNull();
    expect(normalizeHubUrl('http://')).toBeNull();
  });

  it('makes a bare address https:// unless it is on this computer', () => {
    expect(normalizeHubUrl('hub.example.com')).toBe('https://hub.example.com');
    expect(normalizeHubUrl('localhost:8787')).toBe('http://localhost:8787');
    expect(normalizeHubUrl('[::1]:8787')).toBe('http://[::1]:8787');
  });
});

describe('isSecureHubUrl (FEATURES I4)', () => {
  it('takes https:// anywhere and plain http:// only on this computer', () => {
    for (const url of [
      'https://hub.example.com',
      'https://10.0.0.5:8787',
      'http://127.0.0.1:8787',
      'http://127.8.9.10',
      'http://localhost:8787',
      'http://[::1]:8787',
    ])
      expect(isSecureHubUrl(url), url).toBe(true);
  });

  it('refuses plain http:// to any other host, private addresses and look-alikes of loopback included', () => {
    for (const url of [
      'http://hub.example.com',
      'http://10.0.0.5:8787',
      'http://192.168.1.2',
      'http://127.0.0.1.example.com',
      'http://localhost.example.com',
      'http://[::2]',
    ])
      expect(isSecureHubUrl(url), url).toBe(false);
  });
});

describe('login', () => {
  it('reports an unreachable hub apart from a refusal', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(
      await login('http://127.0.0.1:1', { email: 'a@b.cd', password: 'x' }, down as unknown as typeof fetch),
    ).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('tells a wrong password apart from other refusals', async () => {
    const refuse = vi.fn(async () =>
      Response.json({ error: { code: 'unauthorized', message: 'email or password is wrong' } }, { status: 401 }),
    );
    expect(
      await login('http://hub', { email: 'a@b.cd', password: 'x' }, refuse as unknown as typeof fetch),
    ).toMatchObject({
      ok: false,
      reason: 'wrong-credentials',
    });
  });

  it('refuses an answer that does not match the contract', async () => {
    const odd = vi.fn(async () => Response.json({ token: 42 }));
    expect(await login('http://hub', { email: 'a@b.cd', password: 'x' }, odd as unknown as typeof fetch)).toMatchObject(
      {
        ok: false,
        reason: 'rejected',
      },
    );
  });
});
