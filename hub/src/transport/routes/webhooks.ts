import { CHANNEL_LIMITS } from '#protocol';
import { metaWebhooks } from '../../channels/webhooks-meta';
import { twilioWebhook } from '../../channels/webhooks-twilio';
import { limitedTo } from '../rest-limits';
import type { Routes } from './kit';

/**
 * The providers' webhooks (FEATURES G2, G3, G4), `/webhooks/{whatsapp,messenger,sms}/:chatId`: bodies
 * read raw (signatures are over the exact bytes) up to CHANNEL_LIMITS.webhookBodyBytes, at their own
 * rate per address. No caller is signed in: the provider's signature is the check.
 */
export const webhookRoutes: Routes = async (app, { ctx }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CHANNEL_LIMITS.webhookBodyBytes }, (_r, body, done) =>
    done(null, body),
  );
  const config = { rateLimit: limitedTo('webhook requests', CHANNEL_LIMITS.webhookRate) };
  metaWebhooks(app, ctx, 'whatsapp', config);
  metaWebhooks(app, ctx, 'messenger', config);
  twilioWebhook(app, ctx, config);
};
