import type { Sql } from '../storage/db';
import { newId } from '../inbox/ids';
import type { BotAnswer } from './machine';

/**
 * Where the bot's "create the lead" goes (SPEC F3). Behind this interface because the customer
 * store with its connector (issue 6, hub/src/crm/) is being built at the same time: until it is on
 * main, `builtinCustomersLeadSink` writes to the `customers` table that exists since migration 1.
 */
export interface BotLead {
  conversationId: string;
  chatId: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  company: string | null;
  answers: BotAnswer[];
}

export interface LeadSink {
  /** Creates the lead (or finds the customer with this email) and returns its id. */
  createLead(tx: Sql, lead: BotLead): Promise<string>;
}

export const builtinCustomersLeadSink: LeadSink = {
  async createLead(tx, lead) {
    if (lead.email) {
      const [known] = await tx.query<{ id: string }>('select id from customers where email = $1', [lead.email]);
      if (known) return known.id;
    }
    const id = newId('cu');
    const name = lead.name ?? lead.email ?? 'Web visitor';
    await tx.query('insert into customers (id, email, phone, name, company) values ($1, $2, $3, $4, $5)', [id, lead.email, lead.phone, name, lead.company]);
    return id;
  },
};
