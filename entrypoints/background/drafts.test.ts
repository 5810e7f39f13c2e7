import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { draftsItem } from '#utils/sneak-peek';
import { createDraftTracker } from './drafts';

beforeEach(() => fakeBrowser.reset());

describe('the visitor drafts the worker keeps for the side panel (sneak peek)', () => {
  it('keeps the latest draft per conversation, drops it when cleared or sent, and forgets all on sign-out', async () => {
    const drafts = createDraftTracker(() => 1000);
    await Promise.all([
      drafts.onDraft({ conversationId: 'c1', text: 'Do you' }),
      drafts.onDraft({ conversationId: 'c1', text: 'Do you ship?' }),
      drafts.onDraft({ conversationId: 'c2', text: '<b>hi</b>' }),
    ]);
    expect(await draftsItem.getValue()).toEqual({
      c1: { text: 'Do you ship?', at: 1000 },
      c2: { text: '<b>hi</b>', at: 1000 },
    });
    await drafts.sent('c1');
    await drafts.onDraft({ conversationId: 'c2', text: '' });
    expect(await draftsItem.getValue()).toEqual({});
    await drafts.onDraft({ conversationId: 'c3', text: 'x' });
    await drafts.clear();
    expect(await draftsItem.getValue()).toEqual({});
  });
});
