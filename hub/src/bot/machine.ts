import type { BotConfig, BotLang, BotWordingKey, LeadAssignment } from '#protocol';

/**
 * The routing bot as a pure state machine (FEATURES F1–F4): given the chat's bot settings, the visitor's
 * language, the stored state and what the visitor did, it returns the next state and what the hub
 * must do. No I/O here: `run.ts` stores the state per conversation and carries the actions out.
 *
 *   askCustomer ─yes→ askContact ─valid email→ done(customer): route to the queue/rep, or point to a channel
 *               └no─→ question 0 … n-1 ─last answer→ done(lead): sales queue, tags, create lead
 *   any running step ─person→ done(person): the chat's default queue
 */

export type BotChoice = 'yes' | 'no' | 'person';

export type BotState =
  | { step: 'askCustomer' }
  | { step: 'askContact' }
  | { step: 'question'; index: number; answers: BotAnswer[] }
  | { step: 'done'; outcome: 'customer' | 'channel' | 'lead' | 'person' };

export interface BotAnswer {
  questionId: string;
  answer: string;
}

export type BotInput = { kind: 'start' } | { kind: 'choice'; choice: BotChoice } | { kind: 'text'; text: string };

export type RouteTarget = { kind: 'queue'; queueId: string } | { kind: 'rep'; repId: string } | { kind: 'default' };

export type BotAction =
  /** A bot message in the conversation, already in the visitor's language. */
  | { kind: 'say'; text: string }
  /** The contact details the visitor gave: stored on the visitor. */
  | { kind: 'identify'; email: string }
  /** Let routing have the conversation (it was held while the bot ran). */
  | { kind: 'route'; to: RouteTarget }
  /** Pointed to another channel: the chat ends here (a later message is routed as usual). */
  | { kind: 'close' }
  | { kind: 'tag'; tags: string[] }
  /** The lead in the customer store, for the owner or pool the settings name (null: unassigned). */
  | {
      kind: 'createLead';
      email: string | null;
      name: string | null;
      phone: string | null;
      company: string | null;
      answers: BotAnswer[];
      assign: LeadAssignment | null;
    };

export interface BotStep {
  state: BotState;
  actions: BotAction[];
}

/** Answers to questions with these ids fill the lead's fields (when they look right). */
type LeadField = 'email' | 'name' | 'phone' | 'company';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 ()./-]{5,30}$/;

export function isRunning(state: BotState | null): state is Exclude<BotState, { step: 'done' }> {
  return state !== null && state.step !== 'done';
}

/** The buttons the visitor sees in this state: "talk to a person" whenever the bot is running. */
export function choicesFor(state: BotState | null): BotChoice[] {
  if (!isRunning(state)) return [];
  return state.step === 'askCustomer' ? ['yes', 'no', 'person'] : ['person'];
}

export function step(config: BotConfig, lang: BotLang, state: BotState | null, input: BotInput): BotStep {
  const say = (key: BotWordingKey, vars: Record<string, string> = {}): BotAction => ({
    kind: 'say',
    text: config.wording[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole),
  });
  const ask = (index: number): BotAction => ({ kind: 'say', text: config.questions[index].text[lang] });
  const same: BotStep = { state: state ?? { step: 'done', outcome: 'person' }, actions: [] };

  if (input.kind === 'start')
    return state === null ? { state: { step: 'askCustomer' }, actions: [say('askCustomer')] } : same;
  if (!isRunning(state)) return same; // finished (or never started): the bot says nothing more

  if (input.kind === 'choice' && input.choice === 'person') {
    return {
      state: { step: 'done', outcome: 'person' },
      actions: [say('personRequested'), { kind: 'route', to: { kind: 'default' } }],
    };
  }

  switch (state.step) {
    case 'askCustomer':
      if (input.kind === 'choice' && input.choice === 'yes')
        return { state: { step: 'askContact' }, actions: [say('askContact')] };
      if (input.kind === 'choice' && input.choice === 'no') return askOrFinish(config, 0, [], say, ask);
      // Typed instead of choosing: ask again (the buttons stay).
      return input.kind === 'text' ? { state, actions: [say('askCustomer')] } : same;
    case 'askContact': {
      if (input.kind !== 'text') return same;
      const email = input.text.trim().toLowerCase();
      if (!EMAIL_RE.test(email) || email.length > 240) return { state, actions: [say('contactInvalid')] };
      const r = config.customerRoute;
      if (r.kind === 'channel') {
        return {
          state: { step: 'done', outcome: 'channel' },
          actions: [{ kind: 'identify', email }, say('pointToChannel', { value: r.value }), { kind: 'close' }],
        };
      }
      const to: RouteTarget =
        r.kind === 'queue' ? { kind: 'queue', queueId: r.queueId } : { kind: 'rep', repId: r.repId };
      return {
        state: { step: 'done', outcome: 'customer' },
        actions: [{ kind: 'identify', email }, say('handingOver'), { kind: 'route', to }],
      };
    }
    case 'question': {
      if (input.kind !== 'text') return same;
      const answers = [
        ...state.answers,
        { questionId: config.questions[state.index]?.id ?? `q${state.index}`, answer: input.text.trim() },
      ];
      return askOrFinish(config, state.index + 1, answers, say, ask);
    }
  }
}

/** The next qualification question, or, after the last, the follow-up actions (F3). */
function askOrFinish(
  config: BotConfig,
  index: number,
  answers: BotAnswer[],
  say: (k: BotWordingKey) => BotAction,
  ask: (i: number) => BotAction,
): BotStep {
  if (index < config.questions.length) return { state: { step: 'question', index, answers }, actions: [ask(index)] };
  const f = config.followUp;
  const field = (id: LeadField, ok: (v: string) => boolean) => {
    const a = answers.find((x) => x.questionId === id)?.answer ?? '';
    return a && ok(a) ? a : null;
  };
  const actions: BotAction[] = [
    say('qualifyDone'),
    { kind: 'route', to: f.salesQueueId ? { kind: 'queue', queueId: f.salesQueueId } : { kind: 'default' } },
  ];
  if (f.tags.length > 0) actions.push({ kind: 'tag', tags: f.tags });
  if (f.createLead) {
    const email = field('email', (v) => EMAIL_RE.test(v.toLowerCase()));
    actions.push({
      kind: 'createLead',
      email: email?.toLowerCase() ?? null,
      name: field('name', (v) => v.length <= 120),
      phone: field('phone', (v) => PHONE_RE.test(v)),
      company: field('company', (v) => v.length <= 120),
      answers,
      assign: f.leadAssign,
    });
  }
  return { state: { step: 'done', outcome: 'lead' }, actions };
}
