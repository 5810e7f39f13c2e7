import * as z from 'zod';
import { Availability, Id, Role, Timestamp } from './model';

/**
 * People (FEATURES H1): super users' REST bodies for accounts (`/api/admin/people…`), the defaults new
 * reps start with, the one-time set-password links (`/api/account/…`, no sign-in: the link's token is
 * the proof) and why a rep's sessions ended. The hub parses every body with these; the console
 * validates with the same schemas before sending.
 */

export const PEOPLE_LIMITS = {
  /** Characters in a person's name. */
  nameChars: 80,
  /** Characters in an email address (RFC 5321's path limit). */
  emailChars: 254,
  /** Characters in an extension number (what transfer search finds a rep by). */
  extensionChars: 16,
  /** A password is at least this long (NIST SP 800-63B's floor, raised). */
  passwordMinChars: 12,
  /** Longer ones are refused rather than hashed: scrypt's cost grows with the input. */
  passwordMaxChars: 256,
  /** Characters in a one-time link's token as sent (32 random bytes, base64url). */
  linkTokenChars: 64,
  /** Hours an invitation link stays valid. */
  inviteHours: 72,
  /** Hours a password-reset link stays valid. */
  resetHours: 24,
  /** Accounts on one hub (deleted ones not counted); inviting one more is refused. */
  people: 2000,
  /** Queues a new rep joins at once (their default chats). */
  startQueues: 100,
} as const;

/** No control characters (a name or a title is one line of text). */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

export const PersonName = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(PEOPLE_LIMITS.nameChars, `name is longer than ${PEOPLE_LIMITS.nameChars} characters`)
  .regex(NO_CONTROL_CHARS, 'name contains control characters');

export const PersonEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(PEOPLE_LIMITS.emailChars, `email is longer than ${PEOPLE_LIMITS.emailChars} characters`)
  .email('not an email address');

/** Digits, letters and dashes, e.g. "101" or "EU-12"; null: none. */
export const Extension = z
  .string()
  .trim()
  .min(1, 'extension is empty')
  .max(PEOPLE_LIMITS.extensionChars, `extension is longer than ${PEOPLE_LIMITS.extensionChars} characters`)
  .regex(/^[A-Za-z0-9-]+$/, 'extension: letters, digits and dashes only');

/** Only the length is checked here; the hub also refuses common passwords (hub/src/people/password-rules.ts). */
export const NewPassword = z
  .string()
  .min(PEOPLE_LIMITS.passwordMinChars, `a password has at least ${PEOPLE_LIMITS.passwordMinChars} characters`)
  .max(PEOPLE_LIMITS.passwordMaxChars, `a password has at most ${PEOPLE_LIMITS.passwordMaxChars} characters`);

const QueueIds = z
  .array(Id)
  .max(PEOPLE_LIMITS.startQueues, `at most ${PEOPLE_LIMITS.startQueues} queues`)
  .refine((ids) => new Set(ids).size === ids.length, 'a queue is in the list twice');

/** What a new rep starts with (FEATURES H1): availability after signing in, alerts, the queues (so the chats) they work in. */
export const RepDefaults = z.object({
  availability: Availability.exclude(['offline']),
  sounds: z.boolean(),
  notifications: z.boolean(),
  queueIds: QueueIds,
});
export type RepDefaults = z.infer<typeof RepDefaults>;

/** A new hub's defaults, until a super user saves others. */
export const FIRST_REP_DEFAULTS: RepDefaults = {
  availability: 'online',
  sounds: true,
  notifications: true,
  queueIds: [],
};

/** What the extension applies on a rep's first sign-in (alerts live in the browser). */
export const StartAlerts = RepDefaults.pick({ sounds: true, notifications: true });
export type StartAlerts = z.infer<typeof StartAlerts>;

/** invited: no password yet; disabled: cannot sign in; deleted accounts are not listed. */
export const AccountState = z.enum(['invited', 'active', 'disabled']);
export type AccountState = z.infer<typeof AccountState>;

export const Person = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
  extension: z.string().nullable(),
  state: AccountState,
  status: Availability,
  /** Seeded by the demo: the console warns while any exists. */
  demo: z.boolean(),
  lastSignInAt: Timestamp.nullable(),
  queueIds: z.array(Id),
});
export type Person = z.infer<typeof Person>;

export const PeopleResponse = z.object({
  people: z.array(Person),
  defaults: RepDefaults,
  queues: z.array(z.object({ id: Id, name: z.string(), chatName: z.string() })),
});
export type PeopleResponse = z.infer<typeof PeopleResponse>;

/** `POST /api/admin/people`: queues left out are the defaults' queues. */
export const Invite = z.object({
  email: PersonEmail,
  name: PersonName,
  role: Role,
  extension: Extension.nullable(),
  queueIds: QueueIds.optional(),
});
export type Invite = z.infer<typeof Invite>;

/** A one-time link, shown to the super user to pass on (and emailed when the hub has SMTP_URL). */
export const AccountLink = z.object({ url: z.string(), expiresAt: Timestamp, emailed: z.boolean() });
export type AccountLink = z.infer<typeof AccountLink>;

export const InviteResponse = z.object({ person: Person, link: AccountLink });
export type InviteResponse = z.infer<typeof InviteResponse>;

/** `POST /api/admin/people/:id/reset-password`: the new link; the old password and sessions have ended. */
export const ResetResponse = z.object({ link: AccountLink });
export type ResetResponse = z.infer<typeof ResetResponse>;

/** `PATCH /api/admin/people/:id`: any of these, at least one. */
export const PersonChange = z
  .object({ name: PersonName, role: Role, extension: Extension.nullable(), disabled: z.boolean() })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'nothing to change');
export type PersonChange = z.infer<typeof PersonChange>;

export const LinkToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'not a link token')
  .max(PEOPLE_LIMITS.linkTokenChars);

export const LinkPurpose = z.enum(['invite', 'reset']);

/** `POST /api/account/link` (the token in the body, never in a logged URL): whom a link is for, so the page can greet them. */
export const LinkQuery = z.object({ token: LinkToken });
export const LinkInfo = z.object({ email: z.string(), name: z.string(), purpose: LinkPurpose, expiresAt: Timestamp });
export type LinkInfo = z.infer<typeof LinkInfo>;

/** `POST /api/account/password`: sets the password once; the link is then used up. */
export const SetPassword = z.object({ token: LinkToken, password: NewPassword });
export type SetPassword = z.infer<typeof SetPassword>;

/** Why the hub ended a rep's sessions; the extension says it when it signs them out. */
export const SignOutReason = z.enum(['disabled', 'deleted', 'password', 'signedOut', 'expired']);
export type SignOutReason = z.infer<typeof SignOutReason>;

/** `GET /api/admin/status`: what the console's header warns about. */
export const HubStatus = z.object({ demoAccounts: z.number().int().min(0) });
export type HubStatus = z.infer<typeof HubStatus>;
