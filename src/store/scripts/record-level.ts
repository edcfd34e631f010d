import type { ScriptDefinition } from './define';

/**
 * Records one person's self-reported level for one revealed question, in one round trip.
 *
 * KEYS[1] post hash, KEYS[2] votes hash of that post, KEYS[3] the channel's streak hash
 * ARGV[1] the prefix of the channel's board keys and ARGV[8] of its board-stats keys, as keys.ts names them: a
 *         board's key is the prefix and a period id. A changed answer moves points in the periods of the first
 *         answer, which only the stored vote knows, so the script cannot be given those keys up front (all of
 *         them share the channel's hash tag, so they live in the post's slot).
 * ARGV[2] user id, ARGV[3] level 0–3 (0 = not yet; also the points)
 * ARGV[4] ts of the message the click came from (must be the post's answer message)
 * ARGV[5] this week's period id, ARGV[6] this month's period id
 * ARGV[7] when the click happened (Slack's action_ts as fixed-width digits, so strings compare in time order),
 *         or '' when unknown
 *
 * A first answer counts in the current week and month; a changed answer moves its points
 * within the periods of the first answer, so a board never counts one person twice.
 * A click no later than the one already recorded for this person is stale and changes nothing: a replayed or
 * redelivered request, or an earlier click that arrived after a later one (the later click wins). Once a click with
 * a time is recorded, a click without one (or with a malformed one) is stale too: it cannot be ordered, so it
 * must not skip the check.
 * Returns { status, previousLevel or -1, tally0, tally1, tally2, tally3 } where status is
 * new | changed | same | stale | missing | mismatch.
 */
const RECORD_LEVEL_LUA = `
local postKey, votesKey, streakKey = KEYS[1], KEYS[2], KEYS[3]
local boardPrefix, user, level, fromTs = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local statsPrefix = ARGV[8]
local week, month = ARGV[5], ARGV[6]
local clickAt = ARGV[7] or ''

local post = redis.call('HMGET', postKey, 'answerTs', 'seq')
if not post[1] then
  if redis.call('EXISTS', postKey) == 0 then return {'missing', -1} end
  return {'mismatch', -1}
end
if post[1] ~= fromTs then return {'mismatch', -1} end

local function tally()
  local t = redis.call('HMGET', postKey, 'tally:0', 'tally:1', 'tally:2', 'tally:3')
  return {tonumber(t[1]) or 0, tonumber(t[2]) or 0, tonumber(t[3]) or 0, tonumber(t[4]) or 0}
end
local function result(status, previous)
  local t = tally()
  return {status, previous, t[1], t[2], t[3], t[4]}
end
local function count(periods, lvl, delta)
  for _, p in ipairs(periods) do
    redis.call('ZINCRBY', boardPrefix .. p, delta * lvl, user)
    redis.call('HINCRBY', statsPrefix .. p, user .. ':' .. lvl, delta)
  end
  redis.call('HINCRBY', postKey, 'tally:' .. lvl, delta)
end

local previous = redis.call('HGET', votesKey, user)
local status, prevLevel = 'new', -1
if previous then
  -- level|week|month|clickAt (clickAt absent in votes recorded before it was kept)
  local pl, pw, pm, pt = string.match(previous, '^(%d)|([^|]*)|([^|]*)|([^|]*)$')
  if not pl then
    pl, pw, pm = string.match(previous, '^(%d)|([^|]*)|([^|]*)$')
    pt = ''
  end
  prevLevel = tonumber(pl)
  if pt ~= '' and (clickAt == '' or clickAt <= pt) then return result('stale', prevLevel) end
  if prevLevel == level then
    if clickAt ~= '' then redis.call('HSET', votesKey, user, pl .. '|' .. pw .. '|' .. pm .. '|' .. clickAt) end
    return result('same', prevLevel)
  end
  status, week, month = 'changed', pw, pm
  count({'all', week, month}, prevLevel, -1)
else
  for _, p in ipairs({'all', week, month}) do
    redis.call('HINCRBY', statsPrefix .. p, user .. ':answers', 1)
  end
  local seq = tonumber(post[2])
  if seq then
    local s = redis.call('HGET', streakKey, user)
    local lastSeq, len = 0, 0
    if s then
      local a, b = string.match(s, '^(%d+):(%d+)$')
      lastSeq, len = tonumber(a), tonumber(b)
    end
    if seq > lastSeq then
      if seq == lastSeq + 1 then len = len + 1 else len = 1 end
      redis.call('HSET', streakKey, user, seq .. ':' .. len)
    end
  end
end
count({'all', week, month}, level, 1)
redis.call('HSET', votesKey, user, level .. '|' .. week .. '|' .. month .. '|' .. clickAt)
return result(status, prevLevel)
`;

export const RECORD_LEVEL: ScriptDefinition = { numberOfKeys: 3, lua: RECORD_LEVEL_LUA };
