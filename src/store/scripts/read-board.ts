import type { ScriptDefinition } from './define';

/**
 * Reads a channel board in one round trip: the top N with their ranks, counters and streaks, and the caller's
 * own rank and row. O(log n + N).
 *
 * A score is the points plus a fraction for when they were reached (see record-level.ts): the order of the sorted
 * set is the board's order, and the points are the whole part. Equal points share a rank, the number of people
 * with more points plus one: in the top N it follows from the rows above; for the caller below them it is one
 * ZCOUNT of the scores from the next whole point up.
 *
 * KEYS[1] board sorted set, KEYS[2] its stats hash, KEYS[3] streak hash, KEYS[4] qotd sequence
 * ARGV[1] N, ARGV[2] caller user id (or '')
 * Returns { currentSeq, callerRank (0 if none), callerPosition (0-based, -1 if none), rows… } where each row is
 * { user, points, rank, answers, n0, n1, n2, n3, streakEntry or '' }; the caller's row comes last when they are
 * outside the top N.
 */
const READ_BOARD_LUA = `
local boardKey, statsKey, streakKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local n, caller = tonumber(ARGV[1]), ARGV[2]
local top = {}
if n > 0 then top = redis.call('ZREVRANGE', boardKey, 0, n - 1, 'WITHSCORES') end
local users, points, ranks = {}, {}, {}
for i = 1, #top, 2 do
  local row = #users + 1
  users[row] = top[i]
  points[row] = math.floor(tonumber(top[i + 1]))
  if row > 1 and points[row] == points[row - 1] then ranks[row] = ranks[row - 1] else ranks[row] = row end
end
local callerRank, callerPosition = 0, -1
if caller ~= '' then
  local r = redis.call('ZREVRANK', boardKey, caller)
  if r then
    callerPosition = r
    if r < n then
      callerRank = ranks[r + 1]
    else
      local p = math.floor(tonumber(redis.call('ZSCORE', boardKey, caller)))
      callerRank = redis.call('ZCOUNT', boardKey, p + 1, '+inf') + 1
      users[#users + 1] = caller
      points[#points + 1] = p
      ranks[#ranks + 1] = callerRank
    end
  end
end
local out = {redis.call('GET', seqKey) or '0', callerRank, callerPosition}
for i, u in ipairs(users) do
  local s = redis.call('HMGET', statsKey, u .. ':answers', u .. ':0', u .. ':1', u .. ':2', u .. ':3')
  out[#out + 1] = u
  out[#out + 1] = points[i]
  out[#out + 1] = ranks[i]
  for j = 1, 5 do out[#out + 1] = s[j] or '0' end
  out[#out + 1] = redis.call('HGET', streakKey, u) or ''
end
return out
`;

export const READ_BOARD: ScriptDefinition = { numberOfKeys: 4, lua: READ_BOARD_LUA };
