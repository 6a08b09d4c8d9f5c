/** The help centre's own words (never the articles'), in the languages the widget speaks, chosen from Accept-Language. */
const STRINGS = {
  en: {
    language: 'Language',
    notTranslated: (l: string) => `Not translated yet: this article is shown in ${l}.`,
    helpCentre: 'Help centre',
    skip: 'Skip to content',
    searchLabel: 'Search the help centre',
    searchButton: 'Search',
    categories: 'Browse by topic',
    popular: 'Popular articles',
    updated: 'Updated',
    helpful: 'Was this helpful?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thanks for your feedback.',
    related: 'Related articles',
    stillNeedHelp: 'Still need help?',
    talk: 'Talk to a person',
    results: (n: number, q: string) => `${n} ${n === 1 ? 'result' : 'results'} for “${q}”`,
    noResults: 'No article matches your search. Try other words, or talk to a person.',
    notFound: 'Page not found',
    notFoundLead: 'This article has moved or is no longer published.',
    allArticles: 'See all articles',
    articleCount: (n: number) => `${n} ${n === 1 ? 'article' : 'articles'}`,
  },
  es: {
    language: 'Idioma',
    notTranslated: (l: string) => `Aún no está traducido: este artículo se muestra en ${l}.`,
    helpCentre: 'Centro de ayuda',
    skip: 'Ir al contenido',
    searchLabel: 'Buscar en el centro de ayuda',
    searchButton: 'Buscar',
    categories: 'Temas',
    popular: 'Artículos populares',
    updated: 'Actualizado',
    helpful: '¿Te ha sido útil?',
    yes: 'Sí',
    no: 'No',
    thanks: 'Gracias por tu opinión.',
    related: 'Artículos relacionados',
    stillNeedHelp: '¿Sigues necesitando ayuda?',
    talk: 'Hablar con una persona',
    results: (n: number, q: string) => `${n} ${n === 1 ? 'resultado' : 'resultados'} para «${q}»`,
    noResults: 'Ningún artículo coincide con tu búsqueda. Prueba con otras palabras o habla con una persona.',
    notFound: 'Página no encontrada',
    notFoundLead: 'Este artículo se ha movido o ya no está publicado.',
    allArticles: 'Ver todos los artículos',
    articleCount: (n: number) => `${n} ${n === 1 ? 'artículo' : 'artículos'}`,
  },
  de: {
    language: 'Sprache',
    notTranslated: (l: string) => `Noch nicht übersetzt: Dieser Artikel wird auf ${l} angezeigt.`,
    helpCentre: 'Hilfe-Center',
    skip: 'Zum Inhalt springen',
    searchLabel: 'Im Hilfe-Center suchen',
    searchButton: 'Suchen',
    categories: 'Themen',
    popular: 'Beliebte Artikel',
    updated: 'Aktualisiert',
    helpful: 'War das hilfreich?',
    yes: 'Ja',
    no: 'Nein',
    thanks: 'Danke für Ihr Feedback.',
    related: 'Ähnliche Artikel',
    stillNeedHelp: 'Brauchen Sie noch Hilfe?',
    talk: 'Mit einer Person sprechen',
    results: (n: number, q: string) => `${n} ${n === 1 ? 'Ergebnis' : 'Ergebnisse'} für „${q}“`,
    noResults:
      'Kein Artikel passt zu Ihrer Suche. Versuchen Sie andere Wörter oder sprechen Sie mit einer Person.',
    notFound: 'Seite nicht gefunden',
    notFoundLead: 'Dieser Artikel wurde verschoben oder ist nicht mehr veröffentlicht.',
    allArticles: 'Alle Artikel ansehen',
    articleCount: (n: number) => `${n} ${n === 1 ? 'Artikel' : 'Artikel'}`,
  },
  fr: {
    language: 'Langue',
    notTranslated: (l: string) => `Pas encore traduit : cet article est affiché en ${l}.`,
    helpCentre: "Centre d'aide",
    skip: 'Aller au contenu',
    searchLabel: "Rechercher dans le centre d'aide",
    searchButton: 'Rechercher',
    categories: 'Thèmes',
    popular: 'Articles populaires',
    updated: 'Mis à jour le',
    helpful: 'Cet article vous a-t-il aidé ?',
    yes: 'Oui',
    no: 'Non',
    thanks: 'Merci pour votre avis.',
    related: 'Articles liés',
    stillNeedHelp: "Besoin d'aide ?",
    talk: 'Parler à une personne',
    results: (n: number, q: string) => `${n} ${n === 1 ? 'résultat' : 'résultats'} pour « ${q} »`,
    noResults: 'Aucun article ne correspond. Essayez d’autres mots, ou parlez à une personne.',
    notFound: 'Page introuvable',
    notFoundLead: "Cet article a été déplacé ou n'est plus publié.",
    allArticles: 'Voir tous les articles',
    articleCount: (n: number) => `${n} article${n === 1 ? '' : 's'}`,
  },
} as const;

export type Lang = keyof typeof STRINGS;
export type Strings = (typeof STRINGS)['en'];

/** The visitor's first supported language from Accept-Language (q-values honoured), English otherwise. */
export function negotiateLang(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((x) => Object.hasOwn(STRINGS, x.base));
  return (hit?.base as Lang | undefined) ?? 'en';
}

export function isLang(value: string | undefined): value is Lang {
  return value !== undefined && Object.hasOwn(STRINGS, value);
}

/** A language's name in the visitor's language ("inglés"), for notices. */
export function languageName(code: string, inLang: Lang): string {
  return new Intl.DisplayNames([inLang], { type: 'language' }).of(code) ?? code;
}

/** A language's name in itself ("Español"), for the language switcher. */
export function endonym(code: string): string {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

export function stringsFor(lang: Lang): Strings {
  return STRINGS[lang] as Strings;
}

export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
