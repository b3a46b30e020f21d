import { LIMITS } from '@st/protocol';
import { watchLimitFor } from '../auth/anonymous.ts';
import { CommunityUnavailableError } from '../community/types.ts';
import { ApiError } from '../errors.ts';
import type { PresenceFanout } from '../presence/fanout.ts';
import type { Stream } from './stream.ts';

/**
 * Changes what a stream watches (a WebSocket `watch` frame or `POST /api/v1/watch`). Removals
 * apply first. The whole change is refused when it would pass the per-session limit. After an
 * add the stream gets one presence event with every added person (already watched or not), which
 * is how a client reloads a snapshot. Answers how many people the stream now watches.
 * `watchedByPerson` is what every stream of the person watches now: a person's streams together
 * watch at most `LIMITS.watchIdsPerPerson`, so many streams of made-up ids cannot fill memory.
 */
export async function changeWatch(
  fanout: PresenceFanout,
  stream: Stream,
  add: readonly string[],
  remove: readonly string[],
  watchedByPerson = 0,
): Promise<number> {
  const adding = [...new Set(add)];
  const addSet = new Set(adding);
  // An id both removed and added in one change stays watched: removals apply first.
  const removing = [...new Set(remove)].filter((id) => stream.watching.has(id) && !addSet.has(id));
  const added = adding.filter((id) => !stream.watching.has(id));
  const after = stream.watching.size - removing.length + added.length;
  const limit = watchLimitFor(stream.login);
  if (after > limit) {
    throw new ApiError('ST_ERR_WATCH_LIMIT', {
      message: `This session may watch at most ${limit} people; it would watch ${after}.`,
    });
  }
  const personAfter = watchedByPerson - stream.watching.size + after;
  if (stream.login && personAfter > LIMITS.watchIdsPerPerson) {
    throw new ApiError('ST_ERR_WATCH_LIMIT', {
      message: `One person's sessions may watch at most ${LIMITS.watchIdsPerPerson} people together; they would watch ${personAfter}.`,
    });
  }

  // A stream always watches its own person, so that entry of the index is never touched here.
  const own = stream.userId;
  for (const id of removing) stream.watching.delete(id);
  fanout.remove(
    stream,
    removing.filter((id) => id !== own),
  );
  const indexed = added.filter((id) => id !== own);
  const fresh = fanout.add(stream, indexed);
  for (const id of added) stream.watching.add(fanout.intern(id));
  try {
    await fanout.subscribe(fresh, indexed);
  } catch (error) {
    for (const id of added) stream.watching.delete(id);
    fanout.remove(stream, indexed);
    throw error instanceof CommunityUnavailableError ? new ApiError('ST_ERR_COMMUNITY_UNAVAILABLE') : error;
  }
  fanout.sendSnapshot(stream, adding);
  return stream.watching.size;
}
