/**
 * Tells every hub process that new events were committed. In-process by default; a Redis pub/sub
 * notifier with the same shape lets several hub instances share one database (FEATURES I6).
 * It carries no data: readers take the events from the log, so nothing can arrive out of order.
 */
export interface Notifier {
  notify(): void;
  onNotify(listener: () => void): () => void;
  close(): Promise<void>;
}

export function createLocalNotifier(): Notifier {
  const listeners = new Set<() => void>();
  return {
    notify: () => listeners.forEach((l) => l()),
    onNotify(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
  };
}
