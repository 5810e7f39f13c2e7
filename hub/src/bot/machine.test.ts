import { describe, expect, it } from 'vitest';
import { BOT_LANGS, BotConfig, type BotLang, type LeadAssignment } from '#protocol';
import { defaultBotConfig } from './defaults';
import { choicesFor, step, type BotAction, type BotInput, type BotState } from './machine';

/**
 * The routing bot's flows as tables (FEATURES F1–F4): each row is a run from the start, the inputs the
 * visitor gives, and what the bot must end in and do. Every row runs in every language, and the
 * words it says must be that language's wording, not English.
 */

const base = (): BotConfig => ({
  ...defaultBotConfig(),
  enabled: true,
  customerRoute: { kind: 'queue', queueId: 'q_support' },
  followUp: {
    salesQueueId: 'q_sales',
    tags: ['lead', 'web'],
    createLead: true,
    leadAssign: { kind: 'pool', poolId: 'pool_sales' },
  },
});
const yes: BotInput = { kind: 'choice', choice: 'yes' };
const no: BotInput = { kind: 'choice', choice: 'no' };
const person: BotInput = { kind: 'choice', choice: 'person' };
const text = (t: string): BotInput => ({ kind: 'text', text: t });

type Said = { say: keyof BotConfig['wording'] } | { ask: number };
type Row = {
  name: string;
  config?: (c: BotConfig) => BotConfig;
  inputs: BotInput[];
  end: BotState;
  /** What was said, in order, over the whole run (wording keys or question indexes). */
  said: Said[];
  /** The non-"say" actions, in order, over the whole run. */
  did: Exclude<BotAction, { kind: 'say' }>[];
  /** The buttons offered after the last input. */
  choices: string[];
};

const leadAction = (
  email: string | null,
  answers: [string, string][],
  assign: LeadAssignment | null = { kind: 'pool', poolId: 'pool_sales' },
) => ({
  kind: 'createLead' as const,
  email,
  name: null,
  phone: null,
  company: null,
  answers: answers.map(([questionId, answer]) => ({ questionId, answer })),
  assign,
});

const ROWS: Row[] = [
  {
    name: 'start: asks whether they are a customer, with yes/no/person',
    inputs: [],
    end: { step: 'askCustomer' },
    said: [{ say: 'askCustomer' }],
    did: [],
    choices: ['yes', 'no', 'person'],
  },
  {
    name: 'yes → contact → routed to the configured queue',
    inputs: [yes, text(' Ana@Example.TEST ')],
    end: { step: 'done', outcome: 'customer' },
    said: [{ say: 'askCustomer' }, { say: 'askContact' }, { say: 'handingOver' }],
    did: [
      { kind: 'identify', email: 'ana@example.test' },
      { kind: 'route', to: { kind: 'queue', queueId: 'q_support' } },
    ],
    choices: [],
  },
  {
    name: 'yes → contact → routed to the configured rep',
    config: (c) => ({ ...c, customerRoute: { kind: 'rep', repId: 'r_anna' } }),
    inputs: [yes, text('ana@example.test')],
    end: { step: 'done', outcome: 'customer' },
    said: [{ say: 'askCustomer' }, { say: 'askContact' }, { say: 'handingOver' }],
    did: [
      { kind: 'identify', email: 'ana@example.test' },
      { kind: 'route', to: { kind: 'rep', repId: 'r_anna' } },
    ],
    choices: [],
  },
  {
    name: 'yes → contact → pointed to another channel, chat closed',
    config: (c) => ({ ...c, customerRoute: { kind: 'channel', channel: 'phone', value: '+39 02 1234 5678' } }),
    inputs: [yes, text('ana@example.test')],
    end: { step: 'done', outcome: 'channel' },
    said: [{ say: 'askCustomer' }, { say: 'askContact' }, { say: 'pointToChannel' }],
    did: [{ kind: 'identify', email: 'ana@example.test' }, { kind: 'close' }],
    choices: [],
  },
  {
    name: 'yes → not an email → asked again, still waiting',
    inputs: [yes, text('my account is Ana')],
    end: { step: 'askContact' },
    said: [{ say: 'askCustomer' }, { say: 'askContact' }, { say: 'contactInvalid' }],
    did: [],
    choices: ['person'],
  },
  {
    name: 'no → every qualification question → sales queue, tags, lead with the email answer',
    inputs: [no, text('A lamp for my desk'), text('ana@example.test')],
    end: { step: 'done', outcome: 'lead' },
    said: [{ say: 'askCustomer' }, { ask: 0 }, { ask: 1 }, { say: 'qualifyDone' }],
    did: [
      { kind: 'route', to: { kind: 'queue', queueId: 'q_sales' } },
      { kind: 'tag', tags: ['lead', 'web'] },
      leadAction('ana@example.test', [
        ['need', 'A lamp for my desk'],
        ['email', 'ana@example.test'],
      ]),
    ],
    choices: [],
  },
  {
    name: 'no → an answer that is not an email leaves the lead without one',
    inputs: [no, text('Lamps'), text('rather not')],
    end: { step: 'done', outcome: 'lead' },
    said: [{ say: 'askCustomer' }, { ask: 0 }, { ask: 1 }, { say: 'qualifyDone' }],
    did: [
      { kind: 'route', to: { kind: 'queue', queueId: 'q_sales' } },
      { kind: 'tag', tags: ['lead', 'web'] },
      leadAction(null, [
        ['need', 'Lamps'],
        ['email', 'rather not'],
      ]),
    ],
    choices: [],
  },
  {
    name: 'no, with no questions, no tags, no lead, no sales queue → straight to the default queue',
    config: (c) => ({
      ...c,
      questions: [],
      followUp: { salesQueueId: null, tags: [], createLead: false, leadAssign: null },
    }),
    inputs: [no],
    end: { step: 'done', outcome: 'lead' },
    said: [{ say: 'askCustomer' }, { say: 'qualifyDone' }],
    did: [{ kind: 'route', to: { kind: 'default' } }],
    choices: [],
  },
  {
    name: 'lead fields come from questions named name, phone, company',
    config: (c) => ({
      ...c,
      questions: ['name', 'phone', 'company'].map((id) => ({ id, text: c.questions[0].text })),
      followUp: { salesQueueId: null, tags: [], createLead: true, leadAssign: { kind: 'owner', ownerId: 'r_anna' } },
    }),
    inputs: [no, text('Ana Novak'), text('+420 777 123 456'), text('Novak s.r.o.')],
    end: { step: 'done', outcome: 'lead' },
    said: [{ say: 'askCustomer' }, { ask: 0 }, { ask: 1 }, { ask: 2 }, { say: 'qualifyDone' }],
    did: [
      { kind: 'route', to: { kind: 'default' } },
      {
        ...leadAction(
          null,
          [
            ['name', 'Ana Novak'],
            ['phone', '+420 777 123 456'],
            ['company', 'Novak s.r.o.'],
          ],
          { kind: 'owner', ownerId: 'r_anna' },
        ),
        name: 'Ana Novak',
        phone: '+420 777 123 456',
        company: 'Novak s.r.o.',
      },
    ],
    choices: [],
  },
  {
    name: 'typing instead of choosing: the question again, buttons stay',
    inputs: [text('hello?')],
    end: { step: 'askCustomer' },
    said: [{ say: 'askCustomer' }, { say: 'askCustomer' }],
    did: [],
    choices: ['yes', 'no', 'person'],
  },
  {
    name: 'a person, asked for at the first question',
    inputs: [person],
    end: { step: 'done', outcome: 'person' },
    said: [{ say: 'askCustomer' }, { say: 'personRequested' }],
    did: [{ kind: 'route', to: { kind: 'default' } }],
    choices: [],
  },
  {
    name: 'a person, asked for while giving contact details',
    inputs: [yes, person],
    end: { step: 'done', outcome: 'person' },
    said: [{ say: 'askCustomer' }, { say: 'askContact' }, { say: 'personRequested' }],
    did: [{ kind: 'route', to: { kind: 'default' } }],
    choices: [],
  },
  {
    name: 'a person, asked for in the middle of the questions (no lead, no tags)',
    inputs: [no, text('Lamps'), person],
    end: { step: 'done', outcome: 'person' },
    said: [{ say: 'askCustomer' }, { ask: 0 }, { ask: 1 }, { say: 'personRequested' }],
    did: [{ kind: 'route', to: { kind: 'default' } }],
    choices: [],
  },
  {
    name: 'yes or no pressed when not asked: ignored',
    inputs: [yes, no, yes],
    end: { step: 'askContact' },
    said: [{ say: 'askCustomer' }, { say: 'askContact' }],
    did: [],
    choices: ['person'],
  },
  {
    name: 'after it finished: silent, whatever comes',
    inputs: [person, text('hello'), yes, no, person],
    end: { step: 'done', outcome: 'person' },
    said: [{ say: 'askCustomer' }, { say: 'personRequested' }],
    did: [{ kind: 'route', to: { kind: 'default' } }],
    choices: [],
  },
];

function run(config: BotConfig, lang: BotLang, inputs: BotInput[]) {
  let state: BotState | null = null;
  const actions: BotAction[] = [];
  for (const input of [{ kind: 'start' } as BotInput, ...inputs]) {
    const next = step(config, lang, state, input);
    state = next.state;
    actions.push(...next.actions);
  }
  return { state: state!, actions };
}

describe('routing bot flows', () => {
  for (const row of ROWS) {
    for (const lang of BOT_LANGS) {
      it(`${row.name} [${lang}]`, () => {
        const config = BotConfig.parse((row.config ?? ((c) => c))(base()));
        const { state, actions } = run(config, lang, row.inputs);
        expect(state).toEqual(row.end);
        expect(choicesFor(state)).toEqual(row.choices);
        const expected = row.said.map((s) =>
          'say' in s
            ? config.wording[s.say][lang].replace(
                '{value}',
                config.customerRoute.kind === 'channel' ? config.customerRoute.value : '{value}',
              )
            : config.questions[s.ask].text[lang],
        );
        expect(actions.filter((a) => a.kind === 'say').map((a) => (a as { text: string }).text)).toEqual(expected);
        expect(actions.filter((a) => a.kind !== 'say')).toEqual(row.did);
      });
    }
  }

  it('says each language in its own words (no language falls back to another)', () => {
    const config = base();
    const first = BOT_LANGS.map((lang) => run(config, lang, []).actions[0]);
    expect(new Set(first.map((a) => (a as { text: string }).text)).size).toBe(BOT_LANGS.length);
  });

  it('never starts twice: a start on a stored state changes nothing', () => {
    const config = base();
    const state: BotState = { step: 'question', index: 1, answers: [{ questionId: 'need', answer: 'x' }] };
    expect(step(config, 'de', state, { kind: 'start' })).toEqual({ state, actions: [] });
  });
});
