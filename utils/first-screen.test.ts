import { beforeEach, describe, expect, it } from 'vitest';
import {
  buildScreen,
  captureScreen,
  dropFirstScreen,
  FIRST_SCREEN_ID,
  FIRST_SCREEN_KEY,
  FIRST_SCREEN_MAX_CHARS,
  readFirstScreen,
  saveFirstScreen,
  showFirstScreen,
  type ScreenNode,
} from './first-screen';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

/** A panel-like tree: scoped styles, an SVG icon, a row whose visitor text is markup. */
function panel(): HTMLElement {
  const root = document.createElement('div');
  root.className = 'app';
  root.setAttribute('data-v-1a2b', '');
  root.id = 'live-root';
  const row = document.createElement('button');
  row.type = 'button';
  row.className = 'conversation-item';
  row.setAttribute('onclick', 'window.__pwned=3');
  row.setAttribute('aria-label', HOSTILE);
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M12 2v20');
  icon.append(path);
  const name = document.createElement('span');
  name.textContent = HOSTILE;
  row.append(icon, name);
  const link = document.createElement('a');
  link.href = 'javascript:alert(1)';
  link.textContent = 'open';
  const status = document.createElement('p');
  status.setAttribute('data-live', '');
  status.textContent = 'Connection: online';
  root.append(row, link, status);
  return root;
}

const placeholder = () => Object.assign(document.createElement('div'), { id: FIRST_SCREEN_ID });

beforeEach(() => {
  localStorage.clear();
  document.body.replaceChildren(placeholder(), Object.assign(document.createElement('div'), { id: 'app' }));
  document.documentElement.lang = 'en';
});

describe('the kept first screen', () => {
  it('draws the tree it captured again, visitor text as text and markup nowhere', () => {
    const built = buildScreen(captureScreen(panel())!) as HTMLElement;
    expect(built.className).toBe('app');
    expect(built.hasAttribute('data-v-1a2b')).toBe(true);
    const row = built.querySelector('.conversation-item')!;
    expect(row.getAttribute('aria-label')).toBe(HOSTILE);
    expect(row.querySelector('span')!.textContent).toBe(HOSTILE);
    expect(built.querySelector('img, script')).toBeNull();
    expect(row.querySelector('svg')!.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(row.querySelector('path')!.getAttribute('d')).toBe('M12 2v20');
  });

  it('keeps no ids, handlers or links, and leaves out what only the live app can say', () => {
    const built = buildScreen(captureScreen(panel())!) as HTMLElement;
    expect(built.id).toBe('');
    expect(built.querySelector('[onclick]')).toBeNull();
    expect(built.querySelector('a')!.hasAttribute('href')).toBe(false);
    expect(built.textContent).not.toContain('Connection: online');
  });

  it('builds none of the elements that run or load things, even from a tree it did not write', () => {
    const forged: ScreenNode = [
      'div',
      [
        ['class', 'app'],
        ['onmouseover', 'window.__pwned=4'],
        ['src', 'https://evil.example/x.js'],
      ],
      [
        ['script', [], ['window.__pwned=5']],
        ['iframe', [['src', 'https://evil.example']], []],
        [
          'svg:svg',
          [],
          [
            ['svg:script', [], ['window.__pwned=6']],
            ['svg:foreignObject', [], []],
          ],
        ],
        ['img src=x onerror=alert(1)', [], []],
        'plain text',
      ],
    ];
    const built = buildScreen(forged) as HTMLElement;
    expect(built.outerHTML).toBe('<div class="app"><svg></svg>plain text</div>');
  });

  it('is drawn into its placeholder, in the language it was kept in', () => {
    document.documentElement.lang = 'pl';
    saveFirstScreen(panel());
    document.documentElement.lang = 'en';
    expect(showFirstScreen()).toBe(true);
    const placeholder = document.getElementById(FIRST_SCREEN_ID)!;
    expect(placeholder.querySelector('.conversation-item span')!.textContent).toBe(HOSTILE);
    expect(document.documentElement.lang).toBe('pl');
    dropFirstScreen();
    expect(document.getElementById(FIRST_SCREEN_ID)).toBeNull();
  });

  it('removes its placeholder when nothing usable was kept, so the live app shows at once', () => {
    localStorage.setItem(FIRST_SCREEN_KEY, '{not json');
    expect(readFirstScreen()).toBeNull();
    expect(showFirstScreen()).toBe(false);
    expect(document.getElementById(FIRST_SCREEN_ID)).toBeNull();

    document.body.replaceChildren(placeholder());
    localStorage.setItem(FIRST_SCREEN_KEY, JSON.stringify({ v: 2, lang: 'en', root: ['div', [], []] }));
    expect(showFirstScreen()).toBe(false);
    expect(document.getElementById(FIRST_SCREEN_ID)).toBeNull();
  });

  it('keeps no screen bigger than its limit, and drops the older one then', () => {
    saveFirstScreen(panel());
    expect(readFirstScreen()).not.toBeNull();
    const huge = document.createElement('div');
    huge.textContent = 'x'.repeat(FIRST_SCREEN_MAX_CHARS);
    saveFirstScreen(huge);
    expect(localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull();
  });
});
