import type { ChannelProvider } from '#protocol';
import type { Connection } from '../connections';
import type { MediaRef } from '../items';
import type { ChannelSettings } from '../settings';

/** What the hub asks of each provider's API (FEATURES G2): send a reply, fetch a customer's file. */

/** A reply as the outbox keeps it: free text, or an approved WhatsApp template with its parameters. */
export interface OutboundRequest {
  to: string;
  text: string;
  template?: { name: string; language: string; params: string[] };
  /** Where the provider posts status callbacks (Twilio asks per message). */
  statusCallback?: string;
}

export interface FetchedMedia {
  body: ReadableStream<Uint8Array>;
  declaredLength: number | null;
}

export interface ProviderApi<P extends ChannelProvider = ChannelProvider> {
  /** Sends; resolves with the provider's message id, or throws a ProviderError. */
  send(settings: ChannelSettings, conn: Connection<P>, request: OutboundRequest): Promise<string>;
  fetchMedia(settings: ChannelSettings, conn: Connection<P>, media: MediaRef): Promise<FetchedMedia>;
}
