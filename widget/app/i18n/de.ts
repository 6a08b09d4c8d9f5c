import type { Messages } from './en.ts';

export const de: Messages = {
  title: 'Hilfe',
  greeting: 'Hallo! Durchsuche unsere Hilfeartikel oder sprich mit einer Person.',
  unread: (n) => (n === 1 ? '1 ungelesene Nachricht' : `${n} ungelesene Nachrichten`),
  close: 'Hilfe schließen',
  back: 'Zurück',
  talk: 'Mit einer Person sprechen',
  askPerson: 'Eine Person dazu fragen',
  searchLabel: 'Hilfeartikel durchsuchen',
  searchPlaceholder: 'Antworten suchen…',
  suggested: 'Empfohlene Artikel',
  relatedMatches: 'Verwandte Artikel',
  results: 'Suchergebnisse',
  resultCount: (n) =>
    n === 0 ? 'Keine Artikel gefunden' : n === 1 ? '1 Artikel gefunden' : `${n} Artikel gefunden`,
  searching: 'Suche läuft…',
  noResults: (q) => `Kein Artikel passt zu „${q}“.`,
  noResultsHint: 'Eine Person aus unserem Team kann dabei helfen.',
  searchError: 'Die Suche ist gerade nicht verfügbar.',
  loadingArticle: 'Artikel wird geladen…',
  articleError: 'Dieser Artikel konnte nicht geladen werden.',
  retry: 'Erneut versuchen',
  related: 'Verwandte Artikel',
  helpful: 'War das hilfreich?',
  yes: 'Ja',
  no: 'Nein',
  thanks: 'Danke für die Rückmeldung!',
  sorry: 'Schade, dass es nicht geholfen hat. Eine Person hilft gern weiter.',
  chat: {
    title: 'Chat mit uns',
    transcript: 'Unterhaltung',
    loading: 'Chat wird gestartet…',
    loadError: 'Der Chat konnte nicht geladen werden.',
    intro: 'Schreib uns, worum es geht – eine Person antwortet hier.',
    teamOnline: (names) =>
      names.length === 1
        ? `${names[0]} ist online.`
        : `${names.slice(0, -1).join(', ')} und ${names[names.length - 1]} sind online.`,
    checking: 'Verfügbarkeit wird geprüft…',
    message: 'Nachricht',
    placeholder: 'Nachricht schreiben…',
    send: 'Senden',
    sending: 'Wird gesendet…',
    queued: 'Wird gesendet, sobald die Verbindung zurück ist',
    failed: 'Nicht gesendet',
    retryOne: 'Erneut senden',
    articleLabel: 'Artikel',
    sent: 'Gesendet',
    delivered: 'Zugestellt',
    read: 'Gelesen',
    you: 'Du',
    agent: 'Support',
    tooLong: (max) => `Nachrichten dürfen höchstens ${max} Zeichen lang sein.`,
    waiting: 'Die nächste freie Person ist gleich für dich da.',
    queue: (pos) =>
      pos === 1 ? 'Du bist als Nächstes dran.' : `Du bist Nummer ${pos} in der Warteschlange.`,
    typicalReply: (min) =>
      min <= 1
        ? 'Das Team antwortet meist in etwa einer Minute.'
        : `Das Team antwortet meist in etwa ${min} Minuten.`,
    estimate: (min) =>
      min <= 1
        ? 'Voraussichtliche Wartezeit: etwa eine Minute.'
        : `Voraussichtliche Wartezeit: etwa ${min} Minuten.`,
    noEstimate:
      'Wir können gerade keine Zeit versprechen. Hinterlass deine E-Mail, dann antworten wir dort, falls du gehst.',
    emailLabel: 'E-Mail',
    emailSave: 'E-Mail speichern',
    emailSaved: (email) => `Wir antworten auch an ${email}.`,
    emailInvalid: 'Bitte gib eine gültige E-Mail-Adresse ein.',
    assigned: (name) => `${name} hilft dir.`,
    joined: (name) => `${name} ist der Unterhaltung beigetreten`,
    typing: (name) => `${name} schreibt…`,
    closed: 'Diese Unterhaltung wurde beendet.',
    endChat: 'Chat beenden',
    youEnded: 'Sie haben den Chat beendet.',
    endConfirm: 'Diesen Chat beenden?',
    endKeep: 'Weiter chatten',
    startNew: 'Neue Unterhaltung beginnen',
    transcriptOffer: 'Diese Unterhaltung per E-Mail senden',
    transcriptSend: 'Senden',
    transcriptConfirm: (email) =>
      `Fast geschafft: Öffne den Link, den wir an ${email} geschickt haben, um die Unterhaltung zu erhalten.`,
    transcriptSent: (email) => `Die Unterhaltung ist unterwegs an ${email}.`,
    rateTitle: 'Wie war die Unterhaltung?',
    stars: (n) => (n === 1 ? '1 Stern' : `${n} Sterne`),
    rateComment: 'Möchtest du etwas ergänzen? (optional)',
    rateSend: 'Bewertung senden',
    rated: 'Danke für dein Feedback!',
    offlineTitle: 'Wir sind gerade nicht da',
    offlineIntro: 'Hinterlass eine Nachricht und deine E-Mail – wir antworten per E-Mail.',
    nameLabel: 'Name (optional)',
    offlineSend: 'Nachricht senden',
    offlineSent: (email) => `Danke! Wir antworten an ${email}.`,
    offlineStatus: (email) =>
      email
        ? `Wir sind gerade nicht da. Wir antworten per E-Mail an ${email}.`
        : 'Wir sind gerade nicht da. Wir antworten per E-Mail.',
    connecting: 'Verbindung wird hergestellt…',
    offline: 'Verbindung wird wiederhergestellt… Deine Nachrichten bleiben erhalten.',
    unauthorized: 'Deine Chat-Sitzung ist abgelaufen. Eine neue wird gestartet…',
    outdated: 'Das Hilfe-Widget wurde aktualisiert. Bitte lade die Seite neu.',
    rateLimited: 'Das war etwas viel auf einmal. Bitte warte kurz.',
    error: 'Etwas ist schiefgelaufen. Bitte versuch es noch einmal.',
  },
};
