import type { ScriptDefinition } from './define';

/**
 * Mock-interview transitions, one script each, so that concurrent clicks and the time-out job
 * can never both win. Every key of an interview shares the team's hash tag (`{team}`).
 *
 * Shared layout (unless a script says otherwise): KEYS[1] the interview hash, KEYS[2] the pair key (one open interview per two
 * people), KEYS[3] the team's given/taken counters. Times come from the caller (ARGV), so the
 * product's clock, not Redis's, decides what "24 hours untouched" means.
 */

/** Counts a finished interview as given and taken when at least one answer was rated. */
const COUNT_FINISHED = `
local function countFinished(stateKey, countsKey)
  local f = redis.call('HMGET', stateKey, 'count', 'interviewer', 'candidate')
  for i = 0, (tonumber(f[1]) or 0) - 1 do
    local r = redis.call('HGET', stateKey, 'r:' .. i)
    if r and r ~= 'skip' then
      redis.call('HINCRBY', countsKey, f[2] .. ':given', 1)
      redis.call('HINCRBY', countsKey, f[3] .. ':taken', 1)
      return
    end
  end
end
`;

/**
 * Creates a pending interview unless the two people already have an open one (either direction),
 * the interviewer has `maxOpen` open already, or opened `maxPerWindow` within the window.
 * KEYS[1] the interview hash, KEYS[2] the pair key, KEYS[3] the interviewer's set of open interview
 * ids, KEYS[4] the interviewer's count of interviews opened in the current window (expires with it).
 * ARGV[1] id, ARGV[2] ttl seconds, ARGV[3] the interview key prefix (`…:iv:`), ARGV[4] maxOpen,
 * ARGV[5] maxPerWindow, ARGV[6] window seconds, ARGV[7…] field, value…
 * Returns { 'ok', id } | { 'busy', id of the open interview } | { 'full', open count } |
 *         { 'rate', seconds until the window ends }.
 */
const CREATE_INTERVIEW_LUA = `
local function isOpen(id)
  local st = redis.call('HGET', ARGV[3] .. id, 'status')
  return st == 'pending' or st == 'running'
end
local current = redis.call('GET', KEYS[2])
if current and isOpen(current) then return {'busy', current} end
local open = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if isOpen(id) then open = open + 1 else redis.call('SREM', KEYS[3], id) end
end
if open >= tonumber(ARGV[4]) then return {'full', tostring(open)} end
local opened = tonumber(redis.call('GET', KEYS[4]) or '0')
if opened >= tonumber(ARGV[5]) then
  local ttl = redis.call('TTL', KEYS[4])
  if ttl < 0 then ttl = tonumber(ARGV[6]) redis.call('EXPIRE', KEYS[4], ttl) end
  return {'rate', tostring(ttl)}
end
if redis.call('INCR', KEYS[4]) == 1 then redis.call('EXPIRE', KEYS[4], ARGV[6]) end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
redis.call('HSET', KEYS[1], unpack(ARGV, 7))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return {'ok', ARGV[1]}
`;

/**
 * Start: pending → running with its first question, claimed for posting now (`at:0`).
 * ARGV[1] first question id, ARGV[2] now (ms), ARGV[3] ttl seconds, ARGV[4] who started it.
 * Returns 'started', 'missing' or the current status when it was not pending.
 */
const BEGIN_INTERVIEW_LUA = `
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'missing' end
if st ~= 'pending' then return st end
redis.call('HSET', KEYS[1], 'status', 'running', 'index', '0', 'q:0', ARGV[1], 'at:0', ARGV[2], 'touchedAt', ARGV[2], 'startedBy', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 'started'
`;

/**
 * Records a rating (or a skip) for the question on the table and moves on (the next question
 * claimed for posting now, `at:<next>`), only if the interview is still on that question and the
 * click came from that question's message.
 * ARGV[1] index, ARGV[2] ts of the clicked message, ARGV[3] rating 0–3 or 'skip',
 * ARGV[4] next question id ('' when none), ARGV[5] now, ARGV[6] open ttl, ARGV[7] ended ttl, ARGV[8] user.
 * Returns { 'next' } | { 'ended' } | { 'missing' } | { 'mismatch' } | { 'wait' } |
 *         { 'stale', status, current index, rating recorded at ARGV[1] or '' }.
 */
const ADVANCE_INTERVIEW_LUA =
  COUNT_FINISHED +
  `
local i = ARGV[1]
local s = redis.call('HMGET', KEYS[1], 'status', 'index', 'count', 'msg:' .. i, 'r:' .. i)
if not s[1] then return {'missing'} end
local current = tonumber(s[2]) or 0
if s[4] ~= ARGV[2] then
  if not s[4] and tonumber(i) == current and s[1] == 'running' then return {'wait'} end
  return {'mismatch'}
end
if s[1] ~= 'running' or tonumber(i) ~= current then return {'stale', s[1], current, s[5] or ''} end
redis.call('HSET', KEYS[1], 'r:' .. i, ARGV[3], 'touchedAt', ARGV[5])
local nextIndex = current + 1
if nextIndex < tonumber(s[3]) and ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'index', nextIndex, 'q:' .. nextIndex, ARGV[4], 'at:' .. nextIndex, ARGV[5])
  redis.call('EXPIRE', KEYS[1], ARGV[6])
  redis.call('EXPIRE', KEYS[2], ARGV[6])
  return {'next'}
end
redis.call('HSET', KEYS[1], 'status', 'ended', 'endedAt', ARGV[5], 'endedBy', ARGV[8])
countFinished(KEYS[1], KEYS[3])
redis.call('DEL', KEYS[2])
redis.call('EXPIRE', KEYS[1], ARGV[7])
return {'ended'}
`;

/**
 * Undoes an advance whose next question could not be posted, so the interviewer can click again.
 * ARGV[1] the index that was rated. Returns 1 when undone.
 */
const UNDO_ADVANCE_LUA = `
local i = tonumber(ARGV[1])
local s = redis.call('HMGET', KEYS[1], 'status', 'index', 'msg:' .. (i + 1))
if s[1] ~= 'running' or tonumber(s[2]) ~= i + 1 or s[3] then return 0 end
redis.call('HSET', KEYS[1], 'index', i)
redis.call('HDEL', KEYS[1], 'r:' .. i, 'q:' .. (i + 1), 'at:' .. (i + 1))
return 1
`;

/** Undoes a start whose first question could not be posted. Returns 1 when undone. */
const UNDO_BEGIN_LUA = `
local s = redis.call('HMGET', KEYS[1], 'status', 'index', 'msg:0')
if s[1] ~= 'running' or s[2] ~= '0' or s[3] then return 0 end
redis.call('HSET', KEYS[1], 'status', 'pending')
redis.call('HDEL', KEYS[1], 'q:0', 'at:0', 'index', 'startedBy')
return 1
`;

/**
 * Closes an open interview: 'end' (running → ended, counted), 'cancel' (pending → cancelled) or
 * 'expire' (pending or running → expired, only when untouched for ARGV[5] ms).
 * ARGV[1] mode, ARGV[2] now, ARGV[3] ended ttl, ARGV[4] by, ARGV[5] idle ms (expire only).
 * Returns { 'ok', previous status } | { 'missing' } | { 'stale', status } | { 'later', touchedAt }.
 */
const CLOSE_INTERVIEW_LUA =
  COUNT_FINISHED +
  `
local mode, now = ARGV[1], tonumber(ARGV[2])
local s = redis.call('HMGET', KEYS[1], 'status', 'touchedAt')
local st = s[1]
if not st then return {'missing'} end
if mode == 'cancel' and st ~= 'pending' then return {'stale', st} end
if mode == 'end' and st ~= 'running' then return {'stale', st} end
if mode == 'expire' then
  if st ~= 'pending' and st ~= 'running' then return {'stale', st} end
  local touched = tonumber(s[2]) or 0
  if now - touched < tonumber(ARGV[5]) then return {'later', tostring(touched)} end
end
local status = 'ended'
if mode == 'cancel' then status = 'cancelled' elseif mode == 'expire' then status = 'expired' end
redis.call('HSET', KEYS[1], 'status', status, 'endedAt', ARGV[2], 'endedBy', ARGV[4])
if status == 'ended' then countFinished(KEYS[1], KEYS[3]) end
redis.call('DEL', KEYS[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'ok', st}
`;

/**
 * A question's message is out (posted, or found in the thread): records it and that both people
 * met the question, unless the interview is gone or that slot now holds another question.
 * KEYS[1] the interview hash, KEYS[2] and KEYS[3] the two people's sets of questions met.
 * ARGV[1] index, ARGV[2] message ts, ARGV[3] question id, ARGV[4] now (ms), ARGV[5] seen ttl seconds.
 * Returns 1 when recorded.
 */
const RECORD_QUESTION_LUA = `
if redis.call('HGET', KEYS[1], 'q:' .. ARGV[1]) ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], 'msg:' .. ARGV[1], ARGV[2])
for k = 2, 3 do
  redis.call('ZADD', KEYS[k], ARGV[4], ARGV[3])
  redis.call('EXPIRE', KEYS[k], ARGV[5])
end
return 1
`;

/**
 * Takes over (or gives up) the posting of the question on the table, whose message is not
 * recorded, from the claim made at ARGV[2] ('0': given up): compare-and-set, so one caller wins.
 * ARGV[1] index, ARGV[2] the claim time seen, ARGV[3] the new claim time ('0' gives it up).
 * Returns 1 when taken.
 */
const RECLAIM_QUESTION_LUA = `
local i = ARGV[1]
local s = redis.call('HMGET', KEYS[1], 'status', 'index', 'msg:' .. i, 'at:' .. i)
if s[1] ~= 'running' or s[2] ~= i or s[3] then return 0 end
if (s[4] or '0') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'at:' .. i, ARGV[3])
return 1
`;

/**
 * Claims the posting of the summary (ARGV[3] = ''), or takes over (or, with ARGV[2] = '0', gives
 * up) the claim made at ARGV[3] while no summary is recorded: compare-and-set, so one caller wins.
 * KEYS[1] the interview hash. ARGV[1] who, ARGV[2] now (ms), ARGV[3] the claim time seen or ''.
 * Returns 1 when claimed.
 */
const CLAIM_SUMMARY_LUA = `
local s = redis.call('HMGET', KEYS[1], 'status', 'summaryTs', 'summaryBy', 'summaryAt')
if not s[1] or s[2] then return 0 end
if ARGV[3] == '' then
  if s[3] then return 0 end
elseif not s[3] or (s[4] or '0') ~= ARGV[3] then
  return 0
end
redis.call('HSET', KEYS[1], 'summaryBy', ARGV[1], 'summaryAt', ARGV[2])
return 1
`;

export const CREATE_INTERVIEW: ScriptDefinition = { numberOfKeys: 4, lua: CREATE_INTERVIEW_LUA };

export const RECORD_QUESTION: ScriptDefinition = { numberOfKeys: 3, lua: RECORD_QUESTION_LUA };

export const RECLAIM_QUESTION: ScriptDefinition = { numberOfKeys: 1, lua: RECLAIM_QUESTION_LUA };

export const BEGIN_INTERVIEW: ScriptDefinition = { numberOfKeys: 2, lua: BEGIN_INTERVIEW_LUA };

export const ADVANCE_INTERVIEW: ScriptDefinition = { numberOfKeys: 3, lua: ADVANCE_INTERVIEW_LUA };

export const UNDO_ADVANCE: ScriptDefinition = { numberOfKeys: 1, lua: UNDO_ADVANCE_LUA };

export const UNDO_BEGIN: ScriptDefinition = { numberOfKeys: 1, lua: UNDO_BEGIN_LUA };

export const CLOSE_INTERVIEW: ScriptDefinition = { numberOfKeys: 3, lua: CLOSE_INTERVIEW_LUA };

export const CLAIM_SUMMARY: ScriptDefinition = { numberOfKeys: 1, lua: CLAIM_SUMMARY_LUA };
