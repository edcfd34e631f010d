import type { ScriptDefinition } from './define';

/**
 * Reads a channel board in one round trip: the top N with their counters and streaks,
 * and the caller's own rank and row. O(log n + N).
 *
 * KEYS[1] board sorted set, KEYS[2] its stats hash, KEYS[3] streak hash, KEYS[4] qotd sequence
 * ARGV[1] N, ARGV[2] caller user id (or '')
 * Returns { currentSeq, callerRank (-1 if none), rows… } where each row is
 * { user, points, answers, n0, n1, n2, n3, streakEntry or '' }.
 */
const READ_BOARD_LUA = `
local boardKey, statsKey, streakKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local n, caller = tonumber(ARGV[1]), ARGV[2]
local top = {}
if n > 0 then top = redis.call('ZREVRANGE', boardKey, 0, n - 1, 'WITHSCORES') end
local users, scores = {}, {}
for i = 1, #top, 2 do
  users[#users + 1] = top[i]
  scores[#scores + 1] = top[i + 1]
end
local callerRank = -1
if caller ~= '' then
  local r = redis.call('ZREVRANK', boardKey, caller)
  if r then
    callerRank = r
    if r >= n then
      users[#users + 1] = caller
      scores[#scores + 1] = redis.call('ZSCORE', boardKey, caller)
    end
  end
end
local out = {redis.call('GET', seqKey) or '0', callerRank}
for i, u in ipairs(users) do
  local s = redis.call('HMGET', statsKey, u .. ':answers', u .. ':0', u .. ':1', u .. ':2', u .. ':3')
  out[#out + 1] = u
  out[#out + 1] = scores[i]
  for j = 1, 5 do out[#out + 1] = s[j] or '0' end
  out[#out + 1] = redis.call('HGET', streakKey, u) or ''
end
return out
`;

export const READ_BOARD: ScriptDefinition = { numberOfKeys: 4, lua: READ_BOARD_LUA };
