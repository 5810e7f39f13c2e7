import type * as z from 'zod';
import {
  ChatSettings,
  FILE_LIMITS,
  ORIGIN_LIMITS,
  QueueSettings,
  Weekday,
  type AdminChat,
  type RepSummary,
} from '#protocol';
import { t } from './i18n';

/**
 * The super user's settings forms (FEATURES H2) as plain drafts, and the way back to the wire shapes.
 * The protocol's zod schemas are the one source of truth for what is valid; this only turns their
 * issues into sentences in the rep's language, keyed by field so each shows beside its input.
 */

export const WEEKDAYS = Weekday.options;
export type WeekdayKey = (typeof WEEKDAYS)[number];
export interface TimeRange {
  from: string;
  to: string;
}

export interface ChatDraft {
  name: string;
  alwaysOpen: boolean;
  timezone: string;
  days: Record<WeekdayKey, TimeRange[]>;
  /** FEATURES D2: the visitor's draft shown to reps; off for privacy. */
  sneakPeek: boolean;
  /** FEATURES D3: largest file either side may send, in MB (MiB); '' when the field was emptied. */
  fileMaxMb: number | '';
  /** FEATURES H2: web origins the widget may be used from, one per line; empty: any website. */
  allowedOrigins: string;
}

const MIB = 1024 * 1024;

export interface MemberDraft {
  repId: string;
  name: string;
  member: boolean;
  /** Empty: the queue's default capacity applies. */
  capacity: number | '' | null;
}

export interface QueueDraft {
  name: string;
  strategy: QueueSettings['strategy'];
  ringSize: number | '';
  offerTimeoutSeconds: number | '';
  defaultCapacity: number | '';
  members: MemberDraft[];
}

/** Field key (the issue's path joined by dots) → message. */
export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const emptyWeek = () =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, [] as TimeRange[]])) as Record<WeekdayKey, TimeRange[]>;

export function chatDraftFrom(
  chat: Pick<AdminChat, 'name' | 'hours'> & Partial<Pick<AdminChat, 'sneakPeek' | 'fileMaxBytes' | 'allowedOrigins'>>,
): ChatDraft {
  const days = emptyWeek();
  for (const day of WEEKDAYS) days[day] = (chat.hours?.weekly[day] ?? []).map((range) => ({ ...range }));
  return {
    name: chat.name,
    alwaysOpen: chat.hours === null,
    timezone: chat.hours?.timezone ?? defaultTimezone(),
    days,
    sneakPeek: chat.sneakPeek ?? true,
    fileMaxMb: Math.round(((chat.fileMaxBytes ?? FILE_LIMITS.defaultChatFileBytes) / MIB) * 10) / 10,
    allowedOrigins: (chat.allowedOrigins ?? []).join('\n'),
  };
}

export function queueDraftFrom(queue: QueueSettings, reps: RepSummary[]): QueueDraft {
  const members = new Map(queue.members.map((m) => [m.repId, m.capacity]));
  return {
    name: queue.name,
    strategy: queue.strategy,
    ringSize: queue.ringSize,
    offerTimeoutSeconds: queue.offerTimeoutSeconds,
    defaultCapacity: queue.defaultCapacity,
    members: reps.map((rep) => ({
      repId: rep.id,
      name: rep.name,
      member: members.has(rep.id),
      capacity: members.get(rep.id) ?? '',
    })),
  };
}

export function toChatSettings(draft: ChatDraft): Validated<ChatSettings> {
  const weekly = Object.fromEntries(
    WEEKDAYS.filter((day) => draft.days[day].length > 0).map((day) => [day, draft.days[day]]),
  );
  const origins = draft.allowedOrigins
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const checked = validate(ChatSettings, {
    name: draft.name,
    hours: draft.alwaysOpen ? null : { timezone: draft.timezone.trim(), weekly },
    sneakPeek: draft.sneakPeek,
    fileMaxBytes: Math.round(numberOrNaN(draft.fileMaxMb) * MIB),
    allowedOrigins: origins,
  });
  if (checked.ok) return checked;
  // One text box holds every origin: its first complaint shows beside it.
  const errors: FieldErrors = {};
  for (const [key, message] of Object.entries(checked.errors)) {
    const line = /^allowedOrigins\.(\d+)$/.exec(key);
    if (line) errors.allowedOrigins ??= t('errOrigin', origins[Number(line[1])]);
    else errors[key] ??= message;
  }
  return { ok: false, errors };
}

export function toQueueSettings(draft: QueueDraft): Validated<QueueSettings> {
  return validate(QueueSettings, {
    name: draft.name,
    strategy: draft.strategy,
    ringSize: numberOrNaN(draft.ringSize),
    offerTimeoutSeconds: numberOrNaN(draft.offerTimeoutSeconds),
    defaultCapacity: numberOrNaN(draft.defaultCapacity),
    members: draft.members
      .filter((m) => m.member)
      .map((m) => ({
        repId: m.repId,
        capacity: m.capacity === '' || m.capacity === null ? null : numberOrNaN(m.capacity),
      })),
  });
}

/** An emptied number input gives '' (v-model.number); NaN makes zod report it as not a number. */
const numberOrNaN = (value: number | '') => (value === '' ? Number.NaN : value);

function validate<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= issueMessage(issue);
  }
  // zod still runs a range's from<to check when a time is malformed; the format error says enough.
  for (const key of Object.keys(errors)) if (errors[`${key}.from`] || errors[`${key}.to`]) delete errors[key];
  return { ok: false, errors };
}

/** Allowed whole-number ranges, quoted in the message whatever zod's complaint was (empty, decimal, too big). */
const RANGES: Record<string, [number, number]> = {
  ringSize: [1, 50],
  offerTimeoutSeconds: [5, 3600],
  defaultCapacity: [1, 100],
  capacity: [1, 100],
  // Entered in MB; the schema counts bytes.
  fileMaxBytes: [1, FILE_LIMITS.maxChatFileBytes / MIB],
};

export function issueMessage(issue: z.core.$ZodIssue): string {
  const field = String(issue.path.at(-1) ?? '');
  if (issue.path[0] === 'allowedOrigins' && issue.path.length === 1)
    return t('errTooManyOrigins', String(ORIGIN_LIMITS.allowedOriginsPerChat));
  const range = RANGES[field];
  if (range) return t('errNumberRange', `${range[0]}–${range[1]}`);
  if (field === 'name') return issue.code === 'too_big' ? t('errNameTooLong') : t('errNameRequired');
  if (field === 'timezone') return t('errTimezone');
  if (field === 'from' || field === 'to') return t('errTimeFormat');
  // The refine on a whole range: its start is not before its end.
  if (issue.code === 'custom' && typeof issue.path.at(-1) === 'number') return t('errTimeOrder');
  if (issue.code === 'too_big' && issue.path.at(-2) === 'weekly') return t('errTooManyRanges');
  return t('errInvalid', issue.message);
}

export function defaultTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
