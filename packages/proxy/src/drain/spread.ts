/**
 * Acts on items in even slices over a window instead of all at once: a draining proxy tells its
 * streams to reconnect this way, so thousands of clients do not reach the other proxies (and
 * their logins, watches and history reloads) in the same second. The clients' own full-jitter
 * backoff spreads them further.
 */

/** A slice every this often: fine enough to be smooth, coarse enough to cost nothing. */
const SLICE_MS = 100;

export async function spreadOver<T>(
  items: readonly T[],
  windowMs: number,
  act: (item: T) => void,
): Promise<void> {
  const slices = Math.min(items.length, Math.floor(windowMs / SLICE_MS));
  if (slices <= 1) {
    for (const item of items) act(item);
    return;
  }
  const perSlice = Math.ceil(items.length / slices);
  const pause = windowMs / slices;
  for (let start = 0; start < items.length; start += perSlice) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    for (const item of items.slice(start, start + perSlice)) act(item);
  }
}
