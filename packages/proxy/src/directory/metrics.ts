import { Counter, type Registry } from 'prom-client';
import type { LdapQuery } from './ldap/ldap-directory.ts';

const QUERIES: readonly LdapQuery[] = ['people', 'search', 'photo', 'login', 'bind', 'health'];

/**
 * `st_directory_queries_total{op}`: what the proxy asked the directory server, after its cache.
 * Benchmarks read it to check that a page of live names costs one query per 100 people.
 */
export function countDirectoryQueries(registry: Registry): (query: LdapQuery) => void {
  const counter = new Counter({
    name: 'st_directory_queries_total',
    help:
      'Queries sent to the directory server, by operation: people (one per batch of up to 100 cards), ' +
      'search, photo, login (finding the DN), bind (checking a password), health.',
    labelNames: ['op'],
    registers: [registry],
  });
  // Every operation shows from the first scrape, at 0, so a rate over it is defined.
  for (const op of QUERIES) counter.inc({ op }, 0);
  return (op) => counter.inc({ op });
}
