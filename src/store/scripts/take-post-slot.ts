import type { ScriptDefinition } from './define';

/**
 * Takes a slot to post one message for a team, or says how long to wait: Slack's shape for
 * chat.postMessage is about one post per second per channel (with short bursts) inside a
 * workspace-wide limit per sliding minute. Both windows are sorted sets of the times slots were
 * taken, trimmed as they slide, so a burst can use the whole minute and nothing waits longer than
 * the limits need. One round trip; O(log n) in the slots of the last minute.
 *
 * A slot stays in the team's minute half a second longer than a minute: Slack counts a post when it
 * arrives, a moment after its slot was taken here, and a post that got through faster than the one
 * a minute before it would otherwise arrive inside Slack's minute and get a 429 (which holds back the
 * whole team for its Retry-After).
 *
 * KEYS[1] the team's slots in the last minute, KEYS[2] the channel's slots in the last second
 *         ('' channel: only the team window applies), KEYS[3] the team's "blocked until" (ms)
 * ARGV[1] now (ms), ARGV[2] a unique id for the slot, ARGV[3] posts per minute per team,
 * ARGV[4] posts per second per channel, ARGV[5] 1 when KEYS[2] applies
 * Returns 0 when the slot is taken, else the milliseconds to wait.
 */
const TAKE_POST_SLOT_LUA = `
local MINUTE = 60500
local now, id = tonumber(ARGV[1]), ARGV[2]
local perMinute, perSecond, hasChannel = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == '1'
local blocked = tonumber(redis.call('GET', KEYS[3]) or '0')
if blocked > now then return blocked - now end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - MINUTE)
if redis.call('ZCARD', KEYS[1]) >= perMinute then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + MINUTE - now)
end
if hasChannel then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
  if redis.call('ZCARD', KEYS[2]) >= perSecond then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return math.max(1, tonumber(oldest[2]) + 1000 - now)
  end
  redis.call('ZADD', KEYS[2], now, id)
  redis.call('PEXPIRE', KEYS[2], 2000)
end
redis.call('ZADD', KEYS[1], now, id)
redis.call('PEXPIRE', KEYS[1], MINUTE + 1000)
return 0
`;

export const TAKE_POST_SLOT: ScriptDefinition = { numberOfKeys: 3, lua: TAKE_POST_SLOT_LUA };
