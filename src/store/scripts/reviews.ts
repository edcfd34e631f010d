import type { ScriptDefinition } from './define';

/**
 * Personal review cards. Every key of a person's review shares the team's hash tag (`{team}`), so one script
 * writes a card, its due and touch entries, the readiness counters, the consent offer and the team's record of
 * cleared cards together. Times come from the caller (ARGV): the rules' own instant decides, not Redis's clock.
 *
 * Shared layout: KEYS[1] cards hash (question id → card JSON), KEYS[2] due sorted set (question id → due ms,
 * active cards only), KEYS[3] touch sorted set (question id → last change ms).
 */

/**
 * Writes one card if it is still what the caller read (compare and set), then keeps the person's cards bounded.
 * KEYS[4] settings hash, KEYS[5] readiness hash, KEYS[6] the team's cleared sorted set.
 * ARGV[1] question id, ARGV[2] the card JSON the caller read ('' when there was none), ARGV[3] the new JSON
 * ('' deletes the card), ARGV[4] its due (ms; '' when it is not active), ARGV[5] now (ms), ARGV[6] the cap of cards
 * per person, ARGV[7] seconds the person's card keys live after a write, ARGV[8] cards touched before this (ms)
 * expire, ARGV[9] '1' to offer reviews by DM, ARGV[10] an unanswered offer made before this (ms) is made again,
 * ARGV[11] seconds the settings and readiness live after a write, ARGV[12] a cleared entry to add ('' for none),
 * ARGV[13] one to remove (''), ARGV[14] cleared entries older than this (ms) go, ARGV[15] at most this many kept,
 * ARGV[16…] readiness field, increment, …
 * Returns { 'ok' | 'conflict', offer (1 when the caller should show the offer), cards dropped }.
 */
const WRITE_CARD_LUA = `
local cards, due, touch, settings, readiness, cleared = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local qid, expected, json, dueMs, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local cap, ttl, expireBefore = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])

if (redis.call('HGET', cards, qid) or '') ~= expected then return {'conflict', 0, 0} end

local function drop(id)
  redis.call('HDEL', cards, id)
  redis.call('ZREM', due, id)
  redis.call('ZREM', touch, id)
end

if json == '' then
  drop(qid)
else
  redis.call('HSET', cards, qid, json)
  redis.call('ZADD', touch, now, qid)
  if dueMs ~= '' then redis.call('ZADD', due, tonumber(dueMs), qid) else redis.call('ZREM', due, qid) end
end

-- Cards nobody touched for long expire, a few per write.
local dropped = 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', touch, '-inf', '(' .. expireBefore, 'LIMIT', 0, 50)) do
  drop(id)
  dropped = dropped + 1
end
-- Over the cap: the oldest retired card goes first, else the oldest of all (never the one just written).
while redis.call('HLEN', cards) > cap do
  local victim = nil
  local oldest = redis.call('ZRANGE', touch, 0, 255)
  for _, id in ipairs(oldest) do
    if id ~= qid and not redis.call('ZSCORE', due, id) then victim = id break end
  end
  if not victim then
    for _, id in ipairs(oldest) do
      if id ~= qid then victim = id break end
    end
  end
  if not victim then break end
  drop(victim)
  dropped = dropped + 1
end
for _, key in ipairs({cards, due, touch}) do
  if redis.call('EXISTS', key) == 1 then redis.call('EXPIRE', key, ttl) end
end

local offer = 0
if ARGV[9] == '1' then
  local s = redis.call('HMGET', settings, 'consent', 'offeredAt')
  if not s[1] or s[1] == 'unasked' or (s[1] == 'offered' and (tonumber(s[2]) or 0) < tonumber(ARGV[10])) then
    redis.call('HSET', settings, 'consent', 'offered', 'offeredAt', now)
    offer = 1
  end
end
if redis.call('EXISTS', settings) == 1 then redis.call('EXPIRE', settings, tonumber(ARGV[11])) end

if #ARGV >= 17 then
  for i = 16, #ARGV - 1, 2 do redis.call('HINCRBY', readiness, ARGV[i], tonumber(ARGV[i + 1])) end
  redis.call('EXPIRE', readiness, tonumber(ARGV[11]))
end

if ARGV[13] ~= '' then redis.call('ZREM', cleared, ARGV[13]) end
if ARGV[12] ~= '' then
  redis.call('ZADD', cleared, now, ARGV[12])
  redis.call('ZREMRANGEBYSCORE', cleared, '-inf', '(' .. ARGV[14])
  redis.call('ZREMRANGEBYRANK', cleared, 0, -(tonumber(ARGV[15]) + 1))
end
return {'ok', offer, dropped}
`;

/**
 * Moves every active card's due date by ARGV[1] ms (a vacation hold, or its early end) and counts the move as a
 * touch at ARGV[2] (ms), so a hold never makes cards expire. ARGV[3]: seconds the keys live after a write.
 * Returns how many cards moved.
 */
const SHIFT_DUE_LUA = `
local due, touch, cards = KEYS[2], KEYS[3], KEYS[1]
local delta, now = tonumber(ARGV[1]), tonumber(ARGV[2])
local ids = redis.call('ZRANGE', due, 0, -1)
for _, id in ipairs(ids) do redis.call('ZINCRBY', due, delta, id) end
for _, id in ipairs(redis.call('ZRANGE', touch, 0, -1)) do redis.call('ZADD', touch, now, id) end
for _, key in ipairs({cards, due, touch}) do
  if redis.call('EXISTS', key) == 1 then redis.call('EXPIRE', key, tonumber(ARGV[3])) end
end
return #ids
`;

export const WRITE_CARD: ScriptDefinition = { numberOfKeys: 6, lua: WRITE_CARD_LUA };
export const SHIFT_DUE: ScriptDefinition = { numberOfKeys: 3, lua: SHIFT_DUE_LUA };
