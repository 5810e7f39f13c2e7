// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { attachmentNodes } from './attachment-row';
import { translator } from './i18n';

const t = translator('en');
const file = (status: 'pending' | 'accepted' | 'rejected', mime = 'application/pdf') => ({
  id: 'f_1',
  name: '<img src=x onerror="window.__pwned=1">.pdf',
  mime,
  size: 10,
  status,
});
const render = (nodes: Node[]) => {
  const row = document.createElement('div');
  row.append(...nodes);
  return row;
};

describe("a file in the visitor's thread", () => {
  it('shows its name as text only, and "waiting for approval" while pending, with nothing to open', () => {
    const fetchFile = vi.fn(async () => null);
    const row = render(attachmentNodes(file('pending'), true, t, fetchFile));
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain('<img src=x onerror="window.__pwned=1">.pdf');
    expect(row.textContent).toContain('Waiting for approval');
    expect(row.querySelector('button')).toBeNull();
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('says a rejected file was not accepted, with nothing to open', () => {
    const row = render(attachmentNodes(file('rejected'), true, t, async () => null));
    expect(row.textContent).toContain('This file was not accepted.');
    expect(row.querySelector('button')).toBeNull();
  });

  it('offers an accepted file for download under a name that says which, and fetches an image to show it', async () => {
    const fetchFile = vi.fn(async () => new Blob(['x'], { type: 'image/png' }));
    const row = render(attachmentNodes({ ...file('accepted', 'image/png'), name: 'dot.png' }, false, t, fetchFile));
    expect(row.querySelector('button')?.getAttribute('aria-label')).toBe('Download dot.png');
    expect(row.querySelector('img')?.getAttribute('alt')).toBe('Image dot.png');
    expect(fetchFile).toHaveBeenCalledWith('f_1');
  });
});

describe('file names from the shared XSS corpus', () => {
  it('render as literal text in every state, create no element, and run nothing', async () => {
    const { XSS_PAYLOADS } = await import('../../tests/fixtures/xss-payloads');
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(200);
    for (const payload of XSS_PAYLOADS) {
      const name = `${payload}.pdf`;
      for (const status of ['pending', 'accepted', 'rejected'] as const) {
        const row = render(
          attachmentNodes({ id: 'f_1', name, mime: 'application/pdf', size: 10, status }, true, t, async () => null),
        );
        document.body.append(row);
        expect(row.querySelector('.file-name')?.textContent).toBe(` ${name}`);
        // Only our own download button may exist; nothing built from the name.
        expect(
          [...row.querySelectorAll('*')]
            .map((e) => e.tagName.toLowerCase())
            .filter((tag) => !['p', 'span', 'button', 'svg', 'path'].includes(tag)),
        ).toEqual([]);
        row.remove();
      }
    }
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __xss?: unknown }).__xss).toBeUndefined();
  });
});
