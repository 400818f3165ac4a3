/** Languages the product speaks, Chinese first. */
export type Language = 'zh-CN' | 'en';

/** Picks zh-CN or English from an Accept-Language header by quality; zh-CN when nothing matches. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...parameters] = part.trim().toLowerCase().split(';');
      const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, quality: quality ? Number(quality.slice(2)) : 1, index };
    })
    .filter(({ tag, quality }) => tag && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}

/** Text in both languages; rendered per request. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Chooses the text for a language. */
export function localize(text: Bilingual, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}
