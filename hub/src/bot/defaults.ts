import type { BotConfig, BotWording, Localized } from '#protocol';

/** The bot's settings for a chat nobody has configured yet: off, with wording in all five languages. */

const l = (en: string, it: string, de: string, pl: string, cs: string): Localized => ({ en, it, de, pl, cs });

export const DEFAULT_WORDING: BotWording = {
  botName: l('Assistant', 'Assistente', 'Assistent', 'Asystent', 'Asistent'),
  askCustomer: l(
    'Hi! Are you already a customer of ours?',
    'Ciao! Sei già nostro cliente?',
    'Hallo! Sind Sie bereits Kunde bei uns?',
    'Cześć! Czy jesteś już naszym klientem?',
    'Dobrý den! Jste už naším zákazníkem?',
  ),
  yes: l('Yes, I am', 'Sì, lo sono', 'Ja, bin ich', 'Tak, jestem', 'Ano, jsem'),
  no: l('No, not yet', 'No, non ancora', 'Nein, noch nicht', 'Nie, jeszcze nie', 'Ne, zatím ne'),
  person: l(
    'Talk to a person',
    'Parla con una persona',
    'Mit einem Menschen sprechen',
    'Porozmawiaj z człowiekiem',
    'Mluvit s člověkem',
  ),
  askContact: l(
    'Welcome back! What email address is your account under?',
    'Bentornato! Con quale indirizzo email sei registrato?',
    'Willkommen zurück! Unter welcher E-Mail-Adresse ist Ihr Konto?',
    'Witaj ponownie! Na jaki adres e-mail jest Twoje konto?',
    'Vítejte zpět! Na jakou e-mailovou adresu máte účet?',
  ),
  contactInvalid: l(
    "That doesn't look like an email address. Please try again.",
    'Non sembra un indirizzo email. Riprova.',
    'Das sieht nicht wie eine E-Mail-Adresse aus. Bitte versuchen Sie es noch einmal.',
    'To nie wygląda na adres e-mail. Spróbuj ponownie.',
    'To nevypadá jako e-mailová adresa. Zkuste to prosím znovu.',
  ),
  handingOver: l(
    'Thanks! Someone from our team will be with you shortly.',
    'Grazie! Qualcuno del nostro team ti risponderà a breve.',
    'Danke! Jemand aus unserem Team meldet sich gleich bei Ihnen.',
    'Dziękujemy! Ktoś z naszego zespołu zaraz się odezwie.',
    'Děkujeme! Brzy se vám ozve někdo z našeho týmu.',
  ),
  pointToChannel: l(
    'Thanks! Our customer team is best reached here: {value}',
    'Grazie! Il nostro servizio clienti è raggiungibile qui: {value}',
    'Danke! Unser Kundenteam erreichen Sie am besten hier: {value}',
    'Dziękujemy! Nasz zespół obsługi klienta jest dostępny tutaj: {value}',
    'Děkujeme! Náš zákaznický tým nejlépe zastihnete zde: {value}',
  ),
  qualifyDone: l(
    'Thank you! A member of our sales team will be with you shortly.',
    'Grazie! Un membro del nostro team commerciale ti risponderà a breve.',
    'Vielen Dank! Jemand aus unserem Vertriebsteam meldet sich gleich bei Ihnen.',
    'Dziękujemy! Ktoś z naszego działu sprzedaży zaraz się odezwie.',
    'Děkujeme! Brzy se vám ozve někdo z našeho obchodního týmu.',
  ),
  personRequested: l(
    'Of course — connecting you with a person now.',
    'Certo, ti metto subito in contatto con una persona.',
    'Gern – ich verbinde Sie jetzt mit einem Menschen.',
    'Oczywiście — łączę Cię teraz z człowiekiem.',
    'Samozřejmě — hned vás spojím s člověkem.',
  ),
};

export function defaultBotConfig(): BotConfig {
  return {
    enabled: false,
    wording: DEFAULT_WORDING,
    questions: [
      {
        id: 'need',
        text: l(
          'What are you looking for?',
          'Che cosa stai cercando?',
          'Wonach suchen Sie?',
          'Czego szukasz?',
          'Co hledáte?',
        ),
      },
      {
        id: 'email',
        text: l(
          'What email address can we reach you at?',
          'A quale indirizzo email possiamo contattarti?',
          'Unter welcher E-Mail-Adresse erreichen wir Sie?',
          'Pod jakim adresem e-mail możemy się z Tobą skontaktować?',
          'Na jaké e-mailové adrese vás můžeme kontaktovat?',
        ),
      },
    ],
    customerRoute: { kind: 'channel', channel: 'email', value: 'support@example.com' },
    followUp: { salesQueueId: null, tags: ['lead'], createLead: true, leadAssign: null },
  };
}
