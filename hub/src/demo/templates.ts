import type { TemplateInput } from '#protocol';
import { appendEvent } from '../events/log';
import type { Sql } from '../storage/db';

/** Demo quick replies for the demo chat, in the five languages; each with placeholders to fill. */
const DEMO_TEMPLATES: (Omit<TemplateInput, 'chatId'> & { id: string })[] = [
  {
    id: 'tp_demo_en_hello',
    language: 'en',
    category: 'Greetings',
    title: 'Welcome',
    text: 'Hello {visitor.name}, this is {rep.name}. How can I help you today?',
  },
  {
    id: 'tp_demo_en_order',
    language: 'en',
    category: 'Orders',
    title: 'Order status',
    text: 'Thank you, {visitor.name}. Your order {order.number} is on its way and should arrive within 3 working days.',
  },
  {
    id: 'tp_demo_en_bye',
    language: 'en',
    category: 'Closing',
    title: 'Goodbye',
    text: 'Thank you for chatting with us, {visitor.name}. Have a nice day!',
  },
  {
    id: 'tp_demo_it_hello',
    language: 'it',
    category: 'Saluti',
    title: 'Benvenuto',
    text: 'Buongiorno {visitor.name}, sono {rep.name}. Come posso aiutarla?',
  },
  {
    id: 'tp_demo_it_order',
    language: 'it',
    category: 'Ordini',
    title: 'Stato dell’ordine',
    text: 'Grazie, {visitor.name}. Il suo ordine {order.number} è in consegna e arriverà entro 3 giorni lavorativi.',
  },
  {
    id: 'tp_demo_de_hello',
    language: 'de',
    category: 'Begrüßung',
    title: 'Willkommen',
    text: 'Guten Tag {visitor.name}, hier ist {rep.name}. Wie kann ich Ihnen helfen?',
  },
  {
    id: 'tp_demo_de_order',
    language: 'de',
    category: 'Bestellungen',
    title: 'Bestellstatus',
    text: 'Danke, {visitor.name}. Ihre Bestellung {order.number} ist unterwegs und kommt innerhalb von 3 Werktagen an.',
  },
  {
    id: 'tp_demo_pl_hello',
    language: 'pl',
    category: 'Powitania',
    title: 'Powitanie',
    text: 'Dzień dobry {visitor.name}, tu {rep.name}. W czym mogę pomóc?',
  },
  {
    id: 'tp_demo_pl_order',
    language: 'pl',
    category: 'Zamówienia',
    title: 'Status zamówienia',
    text: 'Dziękuję, {visitor.name}. Zamówienie {order.number} jest w drodze i dotrze w ciągu 3 dni roboczych.',
  },
  {
    id: 'tp_demo_cs_hello',
    language: 'cs',
    category: 'Pozdravy',
    title: 'Uvítání',
    text: 'Dobrý den, {visitor.name}, tady {rep.name}. Jak vám mohu pomoci?',
  },
  {
    id: 'tp_demo_cs_order',
    language: 'cs',
    category: 'Objednávky',
    title: 'Stav objednávky',
    text: 'Děkuji, {visitor.name}. Vaše objednávka {order.number} je na cestě a dorazí do 3 pracovních dnů.',
  },
];

/** Inside the seed's transaction; each template also goes into the event log, which is how reps receive it. */
export async function seedDemoTemplates(tx: Sql, chatId: string): Promise<void> {
  for (const t of DEMO_TEMPLATES) {
    const [row] = await tx.query<{ updated_at: Date }>(
      'insert into templates (id, chat_id, category, language, title, text) values ($1, $2, $3, $4, $5, $6) returning updated_at',
      [t.id, chatId, t.category, t.language, t.title, t.text],
    );
    const { id, ...input } = t;
    await appendEvent(tx, {
      kind: 'template.saved',
      chatId,
      template: { ...input, id, chatId, updatedAt: row.updated_at.toISOString() },
    });
  }
}
