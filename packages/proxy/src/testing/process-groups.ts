/**
 * Where the servers these helpers start live among process groups. By default they share the
 * caller's group, so a Ctrl-C that stops a test run stops them too. A script that stops them in
 * its own order (`npm run cluster`: the proxies drain while Redis and PostgreSQL still answer)
 * calls `ownProcessGroups()` first, so the terminal's signal reaches the script alone.
 */
let detached = false;

export function ownProcessGroups(): void {
  detached = true;
}

/** Spawn options for a server started from now on. */
export function groupOptions(): { detached: boolean } {
  return { detached };
}
