import type { ScriptDefinition } from './define';

/**
 * Records one person's self-reported level for one revealed question, in one round trip.
 *
 * KEYS[1] post hash, KEYS[2] votes hash of that post (user → level given on this post),
 * KEYS[3] the channel's streak hash, KEYS[4] the person's answers in the channel (question id → their answer)
 * ARGV[1] the prefix of the channel's board keys and ARGV[8] of its board-stats keys, as keys.ts names them: a
 *         board's key is the prefix and a period id. A changed answer moves points in the periods of the first
 *         answer, which only the stored answer knows, so the script cannot be given those keys up front (all of
 *         them share the channel's hash tag, so they live in the post's slot).
 * ARGV[2] user id, ARGV[3] level 0–3 (0 = not yet; also the points)
 * ARGV[4] ts of the message the click came from (must be the post's answer message)
 * ARGV[5] this week's period id, ARGV[6] this month's period id
 * ARGV[7] when the click happened (Slack's action_ts as fixed-width digits, so strings compare in time order),
 *         or '' when unknown
 * ARGV[9] how long a week's or a month's board and counters are kept (seconds, counted from their first vote)
 * ARGV[10] the time now (epoch seconds), for a click without a time
 * ARGV[11] how long the person's answers in the channel are kept after their last vote (seconds)
 *
 * A question scores once per person and channel, however often it is posted: the answer is kept per question
 * (KEYS[4]), and an answer on a later post of it replaces the earlier one like a changed answer. A first answer
 * counts in the current week and month; a changed answer moves its points within the periods of the first answer,
 * so a board never counts one person twice. Each post's tally counts the answers given on that post.
 *
 * A board's score is the points plus a fraction that is larger the earlier the points were reached (the click's
 * time in 10 ms steps from 2024 to 2111, over 2^38), so equal points list in the order they were reached. The
 * fraction is exact while points stay under 2^15 (3 per question of the bank); beyond that it is coarser, and
 * never reaches the next whole point.
 *
 * A click no later than the one already recorded for this person and question is stale and changes nothing: a
 * replayed or redelivered request, or an earlier click that arrived after a later one (the later click wins).
 * Once a click with a time is recorded, a click without one (or with a malformed one) is stale too: it cannot be
 * ordered, so it must not skip the check.
 * Returns { status, previousLevel or -1, tally0, tally1, tally2, tally3, earlier, tallied } where status is
 * new | changed | same | stale | missing | mismatch, earlier is 1 when the previous answer was given on an earlier
 * post of the question, and tallied is 1 when this post's tally changed.
 */
const RECORD_LEVEL_LUA = `
local postKey, votesKey, streakKey, answersKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local boardPrefix, user, level, fromTs = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local week, month = ARGV[5], ARGV[6]
local clickAt = ARGV[7] or ''
local statsPrefix = ARGV[8]
local periodTtl = tonumber(ARGV[9])
local answersTtl = tonumber(ARGV[11])

local post = redis.call('HMGET', postKey, 'answerTs', 'seq', 'questionId')
if not post[1] then
  if redis.call('EXISTS', postKey) == 0 then return {'missing', -1} end
  return {'mismatch', -1}
end
if post[1] ~= fromTs or not post[3] then return {'mismatch', -1} end
local question = post[3]

local function result(status, previous, earlier, tallied)
  local t = redis.call('HMGET', postKey, 'tally:0', 'tally:1', 'tally:2', 'tally:3')
  return {status, previous, tonumber(t[1]) or 0, tonumber(t[2]) or 0, tonumber(t[3]) or 0, tonumber(t[4]) or 0, earlier, tallied}
end

-- A week's or a month's keys expire once, counted from their first vote; the all-time ones stay.
local checked = {}
local function expireOnce(p, key)
  if not periodTtl or p == 'all' or checked[key] then return end
  checked[key] = true
  if redis.call('TTL', key) == -1 then redis.call('EXPIRE', key, periodTtl) end
end

-- When the click happened, as the board's fraction (see above).
local STEPS = 274877906944
local at = tonumber(clickAt ~= '' and clickAt or ARGV[10])
local step = math.floor((at - 1704067200) * 100)
if step < 0 then step = 0 elseif step > STEPS - 1 then step = STEPS - 1 end
local reached = (STEPS - 1 - step) / STEPS

-- Adds delta points in each period and notes when the new score was reached. A change skips a period whose
-- board has expired since the first answer.
local function addPoints(periods, delta, change)
  for _, p in ipairs(periods) do
    local key = boardPrefix .. p
    if not change or p == 'all' or redis.call('EXISTS', key) == 1 then
      local current = redis.call('ZSCORE', key, user)
      if not current or delta ~= 0 then
        local points = (current and math.floor(tonumber(current)) or 0) + delta
        local score = points + reached
        if math.floor(score) ~= points then score = points end
        redis.call('ZADD', key, string.format('%.17g', score), user)
        expireOnce(p, key)
      end
    end
  end
end
local function countLevel(periods, lvl, delta, change)
  for _, p in ipairs(periods) do
    local key = statsPrefix .. p
    if not change or p == 'all' or redis.call('EXISTS', key) == 1 then
      redis.call('HINCRBY', key, user .. ':' .. lvl, delta)
      expireOnce(p, key)
    end
  end
end

local answer = redis.call('HGET', answersKey, question)
local here = redis.call('HGET', votesKey, user)
local hereLevel = here and tonumber(string.match(here, '^(%d)'))
-- A vote recorded before answers were kept per question held the whole answer (level|week|month|clickAt).
if not answer and here and string.find(here, '|', 1, true) then answer = here end

local status, prevLevel, earlier = 'new', -1, 0
local clickKept = clickAt
if answer then
  -- level|week|month|clickAt (clickAt absent in votes recorded before it was kept)
  local pl, pw, pm, pt = string.match(answer, '^(%d)|([^|]*)|([^|]*)|([^|]*)$')
  if not pl then
    pl, pw, pm = string.match(answer, '^(%d)|([^|]*)|([^|]*)$')
    pt = ''
  end
  prevLevel = tonumber(pl)
  if pt ~= '' and (clickAt == '' or clickAt <= pt) then return result('stale', prevLevel, 0, 0) end
  if not hereLevel then earlier = 1 end
  if clickAt == '' then clickKept = pt end
  week, month = pw, pm
  local periods = {'all', week, month}
  if prevLevel == level then
    status = 'same'
  else
    status = 'changed'
    addPoints(periods, level - prevLevel, true)
    countLevel(periods, prevLevel, -1, true)
    countLevel(periods, level, 1, true)
  end
else
  local periods = {'all', week, month}
  for _, p in ipairs(periods) do
    redis.call('HINCRBY', statsPrefix .. p, user .. ':answers', 1)
    expireOnce(p, statsPrefix .. p)
  end
  addPoints(periods, level, false)
  countLevel(periods, level, 1, false)
end
redis.call('HSET', answersKey, question, level .. '|' .. week .. '|' .. month .. '|' .. clickKept)
redis.call('EXPIRE', answersKey, answersTtl)

-- This post's tally and the question-of-the-day streak follow the answers given on this post.
local tallied = 0
if hereLevel ~= level then
  if hereLevel then redis.call('HINCRBY', postKey, 'tally:' .. hereLevel, -1) end
  redis.call('HINCRBY', postKey, 'tally:' .. level, 1)
  redis.call('HSET', votesKey, user, level)
  tallied = 1
end
local seq = tonumber(post[2])
if not hereLevel and seq then
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
-- The votes go when their post does.
local postTtl = redis.call('PTTL', postKey)
if postTtl > 0 then redis.call('PEXPIRE', votesKey, postTtl) end
return result(status, prevLevel, earlier, tallied)
`;

export const RECORD_LEVEL: ScriptDefinition = { numberOfKeys: 4, lua: RECORD_LEVEL_LUA };
