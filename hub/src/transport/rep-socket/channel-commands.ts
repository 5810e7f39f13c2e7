import type { RepProfile, RepServerFrame } from '#protocol';
import { addContact, channelTemplates, sendTemplate } from '../../channels/commands';
import { ignoreSender } from '../../channels/ignore';
import type { HubContext } from '../context';
import type { RepHandlers } from './commands';

/** The rep socket's messaging-channel commands (FEATURES C9, G2): see protocol/channels.ts. */

type Act = (reqId: string, work: () => Promise<unknown>, extra?: () => { messageId?: string }) => Promise<void>;
type Args = (f: { conversationId: string; clientId: string }) => {
  rep: RepProfile;
  conversationId: string;
  clientId: string;
  now: number;
};

export function channelHandlers(
  ctx: HubContext,
  send: (f: RepServerFrame) => void,
  signedIn: () => RepProfile,
  act: Act,
  args: Args,
): Pick<RepHandlers, 'addContact' | 'ignoreSender' | 'sendTemplate' | 'channelTemplates'> {
  return {
    addContact: (f) => act(f.reqId, () => addContact(ctx.db, args(f))),
    ignoreSender: (f) => act(f.reqId, () => ignoreSender(ctx.db, args(f))),
    async sendTemplate(f) {
      let messageId: string | undefined;
      await act(
        f.reqId,
        async () => (messageId = (await sendTemplate(ctx.db, signedIn(), f, ctx.now())).message.id),
        () => ({ messageId }),
      );
      ctx.channels.kick();
    },
    async channelTemplates(f) {
      send({
        type: 'channelTemplates',
        reqId: f.reqId,
        conversationId: f.conversationId,
        templates: await channelTemplates(ctx.db, signedIn(), f.conversationId),
      });
    },
  };
}
