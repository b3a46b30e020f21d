/**
 * The Lua scripts of the presence model (docs/cluster.md). Each runs atomically in Redis, so two
 * proxies changing one person at once still publish the person's merged states in the order they
 * were stored, and never a stale one last.
 *
 * Keys (`<p>` a person, `<n>` a proxy):
 * - `st:nodes`      sorted set: proxy → time of its last heartbeat (Redis clock, ms)
 * - `st:s:<p>`      hash: proxy → the session kinds it holds for the person (a 4-bit mask)
 * - `st:np:<n>`     set: the people a proxy holds sessions of (what to clean when it dies)
 * - `st:st:<p>`     the status chosen by hand, `<status>|<message>` (none: available)
 * - `st:p:<p>`      the merged state last published, `<mask>|<status>|<message>` (none: offline)
 * Channel `st:p:<p>` carries each new merged state.
 *
 * A proxy's fields count while its heartbeat is younger than the grace period, so a proxy that
 * died takes its people offline a grace period later (unless they reconnected elsewhere), whoever
 * notices first. Hash fields cannot expire one by one in Redis 7.0, hence the per-proxy liveness
 * beside the hash rather than a TTL per field; a heartbeat costs one ZADD whatever the people.
 */

/** Shared by the scripts: the person's merged state from the live proxies' fields. */
const MERGE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function merge(person, now, grace)
  local fields = redis.call('HGETALL', 'st:s:' .. person)
  local mask = 0
  for i = 1, #fields, 2 do
    local beat = redis.call('ZSCORE', 'st:nodes', fields[i])
    if beat and tonumber(beat) >= now - grace then
      mask = bit.bor(mask, tonumber(fields[i + 1]) or 0)
    end
  end
  local key = 'st:p:' .. person
  local state = ''
  if mask ~= 0 then
    state = mask .. '|' .. (redis.call('GET', 'st:st:' .. person) or '')
  end
  local before = redis.call('GET', key) or ''
  if state ~= before then
    if state == '' then redis.call('DEL', key) else redis.call('SET', key, state) end
    redis.call('PUBLISH', key, state)
  end
  return state
end
`;

/**
 * Sets (or with an empty mask, removes) this proxy's sessions of a person, then merges.
 * ARGV: person, node, mask ('' or '0' removes), grace ms.
 */
export const SET_SESSIONS = `${MERGE}
local person, node, mask, grace = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if mask == '' or mask == '0' then
  redis.call('HDEL', 'st:s:' .. person, node)
  redis.call('SREM', 'st:np:' .. node, person)
else
  redis.call('HSET', 'st:s:' .. person, node, mask)
  redis.call('SADD', 'st:np:' .. node, person)
end
return merge(person, now_ms(), grace)
`;

/** Sets (or with an empty text, clears) the chosen status, then merges. ARGV: person, text, grace ms. */
export const SET_STATUS = `${MERGE}
local person, text, grace = ARGV[1], ARGV[2], tonumber(ARGV[3])
if text == '' then redis.call('DEL', 'st:st:' .. person) else redis.call('SET', 'st:st:' .. person, text) end
return merge(person, now_ms(), grace)
`;

/** Records a heartbeat of ARGV[1] and answers the proxies alive within ARGV[2] ms (itself included). */
export const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', 'st:nodes', now, ARGV[1])
return redis.call('ZRANGEBYSCORE', 'st:nodes', now - tonumber(ARGV[2]), '+inf')
`;

/**
 * Cleans up after proxies silent for longer than the grace period: up to ARGV[2] of their people
 * per call are merged again without them; a proxy with nobody left is forgotten. Answers the
 * proxies forgotten by this call. ARGV: grace ms, people per call.
 */
export const REAP = `${MERGE}
local now, grace, budget = now_ms(), tonumber(ARGV[1]), tonumber(ARGV[2])
local dead = redis.call('ZRANGEBYSCORE', 'st:nodes', '-inf', '(' .. (now - grace))
local forgotten = {}
for _, node in ipairs(dead) do
  if budget <= 0 then break end
  local people = redis.call('SPOP', 'st:np:' .. node, budget)
  for _, person in ipairs(people) do
    redis.call('HDEL', 'st:s:' .. person, node)
    merge(person, now, grace)
  end
  budget = budget - #people
  if redis.call('SCARD', 'st:np:' .. node) == 0 then
    redis.call('ZREM', 'st:nodes', node)
    redis.call('DEL', 'st:lv:' .. node)
    redis.call('PUBLISH', 'st:b:nodes', node)
    forgotten[#forgotten + 1] = node
  end
end
return forgotten
`;

/**
 * A proxy starting under a name that may have run before: whatever that earlier life left is
 * dropped first (people merged again without it). ARGV: node, grace ms.
 */
export const FORGET_NODE = `${MERGE}
local node, grace = ARGV[1], tonumber(ARGV[2])
redis.call('ZREM', 'st:nodes', node)
local now = now_ms()
for _, person in ipairs(redis.call('SMEMBERS', 'st:np:' .. node)) do
  redis.call('HDEL', 'st:s:' .. person, node)
  merge(person, now, grace)
end
redis.call('DEL', 'st:np:' .. node, 'st:lv:' .. node)
redis.call('PUBLISH', 'st:b:nodes', node)
return 1
`;

/**
 * The foreground deadlines of a person on the live proxies other than ARGV[1] (see reach.ts).
 * KEYS[1]: `st:fg:<person>`; ARGV: this proxy, grace ms.
 */
export const FOREGROUND_ELSEWHERE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local fields = redis.call('HGETALL', KEYS[1])
local out = {}
for i = 1, #fields, 2 do
  if fields[i] ~= ARGV[1] then
    local beat = redis.call('ZSCORE', 'st:nodes', fields[i])
    if beat and tonumber(beat) >= now - tonumber(ARGV[2]) then out[#out + 1] = fields[i + 1] end
  end
end
return out
`;
