import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchClose } from './lifecycle';

describe('a rep socket’s close, as its hello sees it', () => {
  it('undoes every kept step when the socket closes, in the order kept', () => {
    const ws = new EventEmitter();
    const life = watchClose(ws);
    const undone: string[] = [];
    expect(life.keep(() => undone.push('feed'))).toBe(true);
    expect(life.keep(() => undone.push('presence'))).toBe(true);
    expect(life.closed).toBe(false);
    expect(undone).toEqual([]);
    ws.emit('close');
    expect(life.closed).toBe(true);
    expect(undone).toEqual(['feed', 'presence']);
  });

  it('a step kept after the close is undone at once and told to go no further', () => {
    const ws = new EventEmitter();
    const life = watchClose(ws);
    ws.emit('close');
    let undone = 0;
    expect(life.keep(() => undone++)).toBe(false);
    expect(undone).toBe(1);
  });
});
