/** The two languages of the product. */
export type Lang = 'zh' | 'en';

/**
 * A message catalogue: `catalog(table)(key, lang, params)` words message `key` in `lang`,
 * filling `{name}` placeholders from `params`. Codes stay in data; wording lives in one table.
 */
export function catalog<K extends string>(table: Readonly<Record<K, Readonly<Record<Lang, string>>>>) {
  return (key: K, lang: Lang, params: Readonly<Record<string, string | number>> = {}): string =>
    table[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
