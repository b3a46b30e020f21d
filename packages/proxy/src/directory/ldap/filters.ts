/**
 * Search filters built as ldapts filter objects, never by pasting text: each value travels as its
 * own BER octet string, so `*`, `(`, `)`, `\` or NUL in an id or a query are matched literally and
 * can never widen a search (the escaping RFC 4515 asks of a filter string is not even needed; the
 * objects' `toString()` shows it for logs). Every filter is narrowed by the configured base filter.
 */
import { AndFilter, EqualityFilter, type Filter, FilterParser, OrFilter, SubstringFilter } from 'ldapts';

/** Type-ahead looks at no more words than this. */
const MAX_QUERY_WORDS = 5;

export class LdapFilters {
  private readonly base: Filter;

  constructor(baseFilter: string) {
    this.base = FilterParser.parseString(baseFilter);
  }

  private narrowed(filter: Filter): Filter {
    return new AndFilter({ filters: [this.base, filter] });
  }

  /** The entry whose id attribute is `id`. */
  byId(idAttribute: string, id: string): Filter {
    return this.narrowed(new EqualityFilter({ attribute: idAttribute, value: id }));
  }

  /** Every entry whose id is one of `ids`: `(&(base)(|(uid=a)(uid=b)…))`. */
  byIds(idAttribute: string, ids: readonly string[]): Filter {
    const each = ids.map((id) => new EqualityFilter({ attribute: idAttribute, value: id }));
    return this.narrowed(each.length === 1 ? each[0]! : new OrFilter({ filters: each }));
  }

  /** Entries where every word of `query` occurs in one of `attributes`. */
  matching(attributes: readonly string[], query: string): Filter | null {
    // Control characters separate words like spaces do: OpenLDAP reads an IA5 value (`mail`) only
    // up to a NUL, so "al\0*" sent as one value would match every address containing "al".
    const words = query
      .split(/[\s\p{Cc}]+/u)
      .filter(Boolean)
      .slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return null;
    const perWord = words.map(
      (word) =>
        new OrFilter({
          filters: attributes.map((attribute) => new SubstringFilter({ attribute, any: [word] })),
        }),
    );
    return this.narrowed(perWord.length === 1 ? perWord[0]! : new AndFilter({ filters: perWord }));
  }
}
