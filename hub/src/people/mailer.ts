import { createTransport } from 'nodemailer';
import type { LinkInfo } from '#protocol';
import type { Log } from '../log';

/**
 * Set-password links by email (FEATURES H1), when the hub has SMTP_URL. Without it, or when sending
 * fails, the super user passes the link on themselves: it is always shown to them, so mail is a
 * convenience and never the only way in. The link is in the mail's body only, never in a log line.
 */
export interface LinkMailer {
  /** True once the SMTP server accepted the mail. */
  send(
    to: { email: string; name: string },
    link: { url: string; purpose: LinkInfo['purpose']; expiresAt: Date },
  ): Promise<boolean>;
}

const SUBJECT: Record<LinkInfo['purpose'], string> = {
  invite: 'You are invited to Parley',
  reset: 'Set a new Parley password',
};

const body = (name: string, url: string, purpose: LinkInfo['purpose'], expiresAt: Date) =>
  [
    `Hello ${name},`,
    '',
    purpose === 'invite'
      ? 'a colleague invited you to answer chats with Parley. Choose your password here:'
      : 'your Parley password was reset. Choose a new one here:',
    '',
    url,
    '',
    `The link works once, until ${expiresAt.toUTCString()}.`,
  ].join('\n');

export function createMailer(settings: { smtpUrl: string; from: string }, log: Log): LinkMailer {
  const transport = createTransport(settings.smtpUrl);
  return {
    async send(to, link) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: { name: to.name, address: to.email },
          subject: SUBJECT[link.purpose],
          text: body(to.name, link.url, link.purpose, link.expiresAt),
        });
        return true;
      } catch (err) {
        log.warn(
          { err: { message: (err as Error).message }, to: to.email },
          'could not email a set-password link; the super user has it to pass on',
        );
        return false;
      }
    },
  };
}
