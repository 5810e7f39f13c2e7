import type { ChannelProvider } from '#protocol';
import { messengerApi } from './messenger';
import { twilioApi } from './twilio';
import type { ProviderApi } from './types';
import { whatsappApi } from './whatsapp';

/** Each provider's API client, by provider. */
export const PROVIDER_APIS: { [P in ChannelProvider]: ProviderApi<P> } = {
  whatsapp: whatsappApi,
  messenger: messengerApi,
  sms: twilioApi,
};
