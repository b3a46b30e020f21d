/** Type-ahead over the people a roster named: prefix matches of id or name first, then the rest. */
import type { DirectoryPerson } from '@st/protocol';

export function rankMatches(people: DirectoryPerson[], query: string, limit: number): DirectoryPerson[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const scored: { person: DirectoryPerson; score: number }[] = [];
  for (const person of people) {
    const name = person.displayName.toLowerCase();
    const id = person.id.toLowerCase();
    const prefix = name.startsWith(q) || id.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
    if (prefix) scored.push({ person, score: 0 });
    else if (name.includes(q) || id.includes(q)) scored.push({ person, score: 1 });
  }
  scored.sort((a, b) => a.score - b.score || a.person.displayName.localeCompare(b.person.displayName));
  return scored.slice(0, limit).map((s) => s.person);
}
