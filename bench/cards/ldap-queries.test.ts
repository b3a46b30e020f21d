import { describe, expect, it } from 'vitest';
import { classifySearches, countsSince, directoryQueries } from './ldap-queries.ts';

describe('directoryQueries', () => {
  it('reads the count of every operation and nothing else', () => {
    const text = [
      '# HELP st_directory_queries_total Queries sent to the directory server',
      '# TYPE st_directory_queries_total counter',
      'st_directory_queries_total{op="people"} 20',
      'st_directory_queries_total{op="photo"} 0',
      'st_http_requests_total{op="people"} 99',
      'process_cpu_seconds_total 1.5',
    ].join('\n');
    expect(directoryQueries(text)).toEqual({ people: 20, photo: 0 });
  });
});

describe('countsSince', () => {
  it('subtracts per key, counting a missing key as 0', () => {
    expect(countsSince({ people: 20, login: 1 }, { people: 21, login: 1, bind: 2 })).toEqual({
      people: 1,
      login: 0,
      bind: 2,
    });
  });
});

describe('classifySearches', () => {
  it('tells batches of people from lookups of one person and the rest', () => {
    const found = classifySearches([
      '(&(objectClass=person)(|(uid=p0001)(uid=p0002)(uid=p0003)))',
      '(&(objectClass=person)(|(uid=p0004)(uid=p0005)))',
      '(&(objectClass=person)(uid=alice))',
      '(&(objectClass=person)(uid=wild\\2acard\\28\\29))',
      '(objectClass=*)',
      '(&(objectClass=person)(|(cn=*an*)(uid=*an*)))',
    ]);
    expect(found).toEqual({ batches: 2, batchedPeople: 5, largestBatch: 3, single: 2, other: 2 });
  });
});
