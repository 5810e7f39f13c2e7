import type { Page } from '@playwright/test';

/**
 * Fast drivers for long exchanges. Each runs a loop inside the page that does what a person does
 * (fill the composer, submit, wait for it to clear) through the real widget and extension code;
 * one Playwright round trip per batch instead of per message keeps 1,000+ messages in budget.
 */

/** Visitor: the widget composer in its shadow root. Its onSend is synchronous (outbox first). */
export function visitorSend(shop: Page, texts: string[]): Promise<void> {
  return shop.evaluate(async (texts) => {
    // The composer appears once the opened widget has drawn its chat (after the launcher's click).
    const composer = () =>
      document.querySelector('parley-widget')?.shadowRoot?.querySelector<HTMLFormElement>('form.composer');
    for (let waited = 0; !composer() && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const form = composer();
    if (!form) throw new Error('the widget drew no composer within 15 s');
    const root = document.querySelector('parley-widget')!.shadowRoot!;
    const box = form.querySelector('textarea')!;
    for (const text of texts) {
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      form.requestSubmit();
      if (box.value !== '')
        throw new Error(`widget refused ${text}: ${root.querySelector('[role=alert]')?.textContent}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }, texts);
}

/**
 * Owner rep: the side panel's Reply box. The draft clears once the worker has the reply in its
 * outbox; a message to a stopped worker wakes it first. If the worker died mid-call the draft
 * stays, and the loop presses Send again, as a person would.
 */
export function repReply(panel: Page, texts: string[]): Promise<number> {
  return panel.evaluate(async (texts) => {
    const box = document.querySelector<HTMLTextAreaElement>('#reply-text')!;
    const form = box.form!;
    let resubmits = 0;
    for (const text of texts) {
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      for (let tries = 0; box.value !== ''; tries++) {
        if (tries % 400 === 0) {
          if (tries > 0) resubmits++;
          form.requestSubmit();
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    return resubmits;
  }, texts);
}

/**
 * Super user: the side panel shows no composer in a conversation another rep owns, but the hub
 * lets a super user reply there. This calls the panel's own conversation store (what the composer
 * calls), so the reply still goes panel → worker outbox → hub. A call whose worker died is retried.
 */
export function storeReply(panel: Page, texts: string[]): Promise<number> {
  return panel.evaluate(async (texts) => {
    const pinia = (document.querySelector('#app') as any).__vue_app__.config.globalProperties.$pinia;
    const store = pinia._s.get('conversation');
    let retries = 0;
    for (const text of texts) {
      for (;;) {
        const sent = await Promise.race([
          store.send(text).then(
            () => true,
            () => false,
          ),
          new Promise((r) => setTimeout(() => r(false), 10_000)),
        ]);
        if (sent) break;
        retries++;
      }
    }
    return retries;
  }, texts);
}

/** The widget's thread as rendered: texts in order, and how many still say "sending…". */
export function widgetThread(shop: Page): Promise<{ texts: string[]; pending: number }> {
  return shop.evaluate(() => {
    const root = document.querySelector('parley-widget')!.shadowRoot!;
    const rows = [...root.querySelectorAll('.log .msg')];
    return {
      texts: rows.map((r) => r.querySelector('.text')?.textContent ?? ''),
      pending: root.querySelectorAll('.log .msg.pending').length,
    };
  });
}

/**
 * A rep's copy: the extension's Dexie 'messages' rows of the conversation in the order the panel
 * shows them ([conversationId+createdAt]), the outbox size, and how many items the panel's (virtual)
 * message list holds — each rendered row carries aria-setsize, the length of the whole list.
 */
export function extensionThread(
  panel: Page,
  conversationId: string,
): Promise<{ texts: string[]; outbox: number; rendered: number }> {
  return panel.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('parley');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const all = <T>(req: IDBRequest<T[]>) =>
      new Promise<T[]>((ok, fail) => ((req.onsuccess = () => ok(req.result)), (req.onerror = () => fail(req.error))));
    const tx = db.transaction(['messages', 'outbox'], 'readonly');
    const range = IDBKeyRange.bound([id, ''], [id, '\uffff']);
    const rows = await all<{ text: string }>(
      tx.objectStore('messages').index('[conversationId+createdAt]').getAll(range),
    );
    const outbox = await all(tx.objectStore('outbox').getAll());
    db.close();
    return {
      texts: rows.map((r) => r.text),
      outbox: outbox.length,
      rendered: Number(document.querySelector('ol.messages > li')?.getAttribute('aria-setsize') ?? 0),
    };
  }, conversationId);
}

/** The side panel's selected conversation id (from its inbox store). */
export function selectedConversation(panel: Page): Promise<string> {
  return panel.evaluate(
    () => (document.querySelector('#app') as any).__vue_app__.config.globalProperties.$pinia._s.get('inbox').selectedId,
  );
}
