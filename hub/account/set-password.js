// The set-password page's behaviour (FEATURES H1): reads the one-time token from the URL's fragment
// (then drops it from the address bar), asks the hub whom it is for, and sets the password through
// it. Plain JavaScript with no build; its strings are here in the five languages (FEATURES I1).

const STRINGS = {
  en: {
    invite: 'Welcome to Parley, {name}',
    reset: 'A new Parley password for {name}',
    who: 'Signing in as {email}.',
    password: 'Password',
    again: 'The same password again',
    rule: 'At least 12 characters. A few unrelated words are easy to remember and hard to guess.',
    submit: 'Set password',
    short: 'At least 12 characters, please.',
    differ: 'The two passwords differ.',
    done: 'Your password is set. Sign in from the Parley extension with {email} and this hub’s address: {hub}',
    gone: 'This link is no longer valid: it was used, replaced or has expired. Ask a super user for a new one.',
    failed: 'The hub could not be reached. Try again in a moment.',
  },
  it: {
    invite: 'Benvenuto in Parley, {name}',
    reset: 'Una nuova password Parley per {name}',
    who: 'Accederai come {email}.',
    password: 'Password',
    again: 'Ripeti la password',
    rule: 'Almeno 12 caratteri. Alcune parole senza legame tra loro sono facili da ricordare e difficili da indovinare.',
    submit: 'Imposta la password',
    short: 'Servono almeno 12 caratteri.',
    differ: 'Le due password non coincidono.',
    done: 'La password è impostata. Accedi dall’estensione Parley con {email} e l’indirizzo di questo hub: {hub}',
    gone: 'Questo link non è più valido: è stato usato, sostituito o è scaduto. Chiedine uno nuovo a un super utente.',
    failed: 'Impossibile raggiungere l’hub. Riprova tra poco.',
  },
  de: {
    invite: 'Willkommen bei Parley, {name}',
    reset: 'Ein neues Parley-Passwort für {name}',
    who: 'Anmeldung als {email}.',
    password: 'Passwort',
    again: 'Dasselbe Passwort noch einmal',
    rule: 'Mindestens 12 Zeichen. Einige unzusammenhängende Wörter sind leicht zu merken und schwer zu erraten.',
    submit: 'Passwort festlegen',
    short: 'Bitte mindestens 12 Zeichen.',
    differ: 'Die beiden Passwörter stimmen nicht überein.',
    done: 'Ihr Passwort ist festgelegt. Melden Sie sich in der Parley-Erweiterung mit {email} und der Adresse dieses Hubs an: {hub}',
    gone: 'Dieser Link ist nicht mehr gültig: Er wurde verwendet, ersetzt oder ist abgelaufen. Bitten Sie einen Superuser um einen neuen.',
    failed: 'Der Hub ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  },
  pl: {
    invite: 'Witamy w Parley, {name}',
    reset: 'Nowe hasło Parley dla {name}',
    who: 'Logujesz się jako {email}.',
    password: 'Hasło',
    again: 'Powtórz hasło',
    rule: 'Co najmniej 12 znaków. Kilka niezwiązanych słów łatwo zapamiętać, a trudno odgadnąć.',
    submit: 'Ustaw hasło',
    short: 'Potrzeba co najmniej 12 znaków.',
    differ: 'Hasła się różnią.',
    done: 'Hasło zostało ustawione. Zaloguj się w rozszerzeniu Parley jako {email}, podając adres tego huba: {hub}',
    gone: 'Ten link jest już nieważny: został użyty, zastąpiony lub wygasł. Poproś superużytkownika o nowy.',
    failed: 'Nie można połączyć się z hubem. Spróbuj ponownie za chwilę.',
  },
  cs: {
    invite: 'Vítejte v Parley, {name}',
    reset: 'Nové heslo do Parley pro {name}',
    who: 'Přihlásíte se jako {email}.',
    password: 'Heslo',
    again: 'Totéž heslo znovu',
    rule: 'Alespoň 12 znaků. Několik nesouvisejících slov se snadno pamatuje a těžko uhodne.',
    submit: 'Nastavit heslo',
    short: 'Zadejte prosím alespoň 12 znaků.',
    differ: 'Hesla se liší.',
    done: 'Heslo je nastaveno. Přihlaste se v rozšíření Parley jako {email} s adresou tohoto hubu: {hub}',
    gone: 'Tento odkaz už neplatí: byl použit, nahrazen nebo vypršel. Požádejte superuživatele o nový.',
    failed: 'Hub není dostupný. Zkuste to prosím za chvíli.',
  },
};

const MIN_CHARS = 12;
const lang = navigator.languages.map((l) => l.slice(0, 2)).find((l) => l in STRINGS) ?? 'en';
const text = (key, values = {}) => STRINGS[lang][key].replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');
const $ = (id) => document.getElementById(id);
document.documentElement.lang = lang;

const token = location.hash.slice(1);
// The token stays out of the history and of anything this page later links to.
history.replaceState(null, '', location.pathname);

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, json };
}

function show(status) {
  $('status').textContent = status;
}

async function start() {
  const link = await post('/api/account/link', { token }).catch(() => null);
  if (!link) return show(text('failed'));
  if (!link.ok) return show(text('gone'));
  const { email, name, purpose } = link.json;
  $('title').textContent = text(purpose === 'reset' ? 'reset' : 'invite', { name });
  $('who').textContent = text('who', { email });
  $('password-label').textContent = text('password');
  $('again-label').textContent = text('again');
  $('rule').textContent = text('rule');
  $('submit').textContent = text('submit');
  $('form').hidden = false;
  $('password').focus();
  $('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = $('password').value;
    const error = password.length < MIN_CHARS ? text('short') : password !== $('again').value ? text('differ') : '';
    $('error').textContent = error;
    $('password').setAttribute('aria-invalid', String(Boolean(error)));
    if (error) return;
    $('submit').disabled = true;
    const answer = await post('/api/account/password', { token, password }).catch(() => null);
    $('submit').disabled = false;
    // The hub's own words when it refuses the password (e.g. a common one); they are in English.
    if (!answer) return ($('error').textContent = text('failed'));
    if (answer.status === 404) return ($('error').textContent = text('gone'));
    if (!answer.ok) return ($('error').textContent = answer.json?.error?.message ?? text('failed'));
    $('form').hidden = true;
    show(text('done', { email, hub: location.origin }));
  });
}

void start();
