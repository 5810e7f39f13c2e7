/**
 * The widget's strings for files (FEATURES D3, D4) and typing (FEATURES D2), in the five languages; spread
 * into the dictionaries of locales.ts, whose test checks keys and {placeholders} match.
 */
export const filesEn = {
  attach: 'Attach a file',
  dropHere: 'Drop a file here to send it',
  uploading: 'Sending {name}…',
  fileWaiting: 'Waiting for approval',
  fileAccepted: 'Accepted',
  fileRejected: 'This file was not accepted.',
  fileDownload: 'Download',
  fileDownloadNamed: 'Download {name}',
  fileImage: 'Image {name}',
  fileEmpty: 'The file is empty.',
  fileTooLarge: 'The file is too large (at most {max}).',
  fileType: 'This kind of file cannot be sent. Allowed: PDF, Word, PowerPoint, Excel, text, RTF and images.',
  fileMismatch: "The file's name does not match what it contains.",
  fileFailed: 'The file could not be sent. Please try again.',
  fileUnavailable: 'The file is not available.',
  repTyping: 'typing…',
};

type FilesDictionary = Record<keyof typeof filesEn, string>;

export const filesIt: FilesDictionary = {
  attach: 'Allega un file',
  dropHere: 'Rilascia qui un file per inviarlo',
  uploading: 'Invio di {name}…',
  fileWaiting: 'In attesa di approvazione',
  fileAccepted: 'Accettato',
  fileRejected: 'Questo file non è stato accettato.',
  fileDownload: 'Scarica',
  fileDownloadNamed: 'Scarica {name}',
  fileImage: 'Immagine {name}',
  fileEmpty: 'Il file è vuoto.',
  fileTooLarge: 'Il file è troppo grande (al massimo {max}).',
  fileType:
    'Questo tipo di file non può essere inviato. Consentiti: PDF, Word, PowerPoint, Excel, testo, RTF e immagini.',
  fileMismatch: 'Il nome del file non corrisponde al suo contenuto.',
  fileFailed: 'Non è stato possibile inviare il file. Riprova.',
  fileUnavailable: 'Il file non è disponibile.',
  repTyping: 'sta scrivendo…',
};

export const filesDe: FilesDictionary = {
  attach: 'Datei anhängen',
  dropHere: 'Datei hier ablegen, um sie zu senden',
  uploading: '{name} wird gesendet…',
  fileWaiting: 'Wartet auf Freigabe',
  fileAccepted: 'Angenommen',
  fileRejected: 'Diese Datei wurde nicht angenommen.',
  fileDownload: 'Herunterladen',
  fileDownloadNamed: '{name} herunterladen',
  fileImage: 'Bild {name}',
  fileEmpty: 'Die Datei ist leer.',
  fileTooLarge: 'Die Datei ist zu groß (höchstens {max}).',
  fileType: 'Diese Dateiart kann nicht gesendet werden. Erlaubt: PDF, Word, PowerPoint, Excel, Text, RTF und Bilder.',
  fileMismatch: 'Der Dateiname passt nicht zum Inhalt.',
  fileFailed: 'Die Datei konnte nicht gesendet werden. Bitte erneut versuchen.',
  fileUnavailable: 'Die Datei ist nicht verfügbar.',
  repTyping: 'schreibt…',
};

export const filesPl: FilesDictionary = {
  attach: 'Dołącz plik',
  dropHere: 'Upuść tutaj plik, aby go wysłać',
  uploading: 'Wysyłanie {name}…',
  fileWaiting: 'Czeka na zatwierdzenie',
  fileAccepted: 'Zaakceptowano',
  fileRejected: 'Ten plik nie został zaakceptowany.',
  fileDownload: 'Pobierz',
  fileDownloadNamed: 'Pobierz {name}',
  fileImage: 'Obraz {name}',
  fileEmpty: 'Plik jest pusty.',
  fileTooLarge: 'Plik jest za duży (najwyżej {max}).',
  fileType: 'Tego rodzaju pliku nie można wysłać. Dozwolone: PDF, Word, PowerPoint, Excel, tekst, RTF i obrazy.',
  fileMismatch: 'Nazwa pliku nie pasuje do jego zawartości.',
  fileFailed: 'Nie udało się wysłać pliku. Spróbuj ponownie.',
  fileUnavailable: 'Plik jest niedostępny.',
  repTyping: 'pisze…',
};

export const filesCs: FilesDictionary = {
  attach: 'Přiložit soubor',
  dropHere: 'Přetáhněte sem soubor a odešle se',
  uploading: 'Odesílání {name}…',
  fileWaiting: 'Čeká na schválení',
  fileAccepted: 'Přijato',
  fileRejected: 'Tento soubor nebyl přijat.',
  fileDownload: 'Stáhnout',
  fileDownloadNamed: 'Stáhnout {name}',
  fileImage: 'Obrázek {name}',
  fileEmpty: 'Soubor je prázdný.',
  fileTooLarge: 'Soubor je příliš velký (nejvýše {max}).',
  fileType: 'Tento druh souboru nelze odeslat. Povoleno: PDF, Word, PowerPoint, Excel, text, RTF a obrázky.',
  fileMismatch: 'Název souboru neodpovídá jeho obsahu.',
  fileFailed: 'Soubor se nepodařilo odeslat. Zkuste to znovu.',
  fileUnavailable: 'Soubor není k dispozici.',
  repTyping: 'píše…',
};
