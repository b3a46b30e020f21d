/** Type-ahead matching that ignores case and accents, so "zoe" finds "Zoë" and "yamada" finds "山田 (Yamada)". */

export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

export interface Searchable {
  /** Folded name, id and e-mail, separated by spaces. */
  haystack: string;
  /** Folded words of the haystack, to rank word-prefix matches first. */
  words: string[];
}

export function makeSearchable(...fields: (string | undefined)[]): Searchable {
  const haystack = foldForSearch(fields.filter(Boolean).join(' '));
  return { haystack, words: haystack.split(/[\s@.()_-]+/u).filter(Boolean) };
}

/**
 * How well `entry` matches the query's tokens: 0 when every token starts a word, 1 when every
 * token occurs somewhere, null when some token does not occur.
 */
export function matchRank(entry: Searchable, tokens: readonly string[]): 0 | 1 | null {
  let rank: 0 | 1 = 0;
  for (const token of tokens) {
    if (!entry.haystack.includes(token)) return null;
    if (rank === 0 && !entry.words.some((w) => w.startsWith(token))) rank = 1;
  }
  return rank;
}

export function queryTokens(query: string): string[] {
  return foldForSearch(query).split(/\s+/u).filter(Boolean);
}
