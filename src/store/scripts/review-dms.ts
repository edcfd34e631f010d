import type { ScriptDefinition } from './define';

/**
 * Moves a person's delivery on from the job that ran (compare and set), so that one chain of delivery jobs exists
 * however often a job runs: only the job the state names (`next` = ARGV[1]), or a second run of it (`next` already
 * ARGV[2]), may name the following one.
 * KEYS[1] the person's delivery state hash. ARGV[1] the scheduled time of the job that ran (ms), ARGV[2] the next
 * one's ('' when the chain ends), ARGV[3] seconds the state lives after a write.
 * Returns 1 when the state now names ARGV[2], 0 when another job is the current one.
 */
const ADVANCE_LUA = `
local cur = redis.call('HGET', KEYS[1], 'next') or ''
if cur ~= ARGV[1] and cur ~= ARGV[2] then return 0 end
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'next') else redis.call('HSET', KEYS[1], 'next', ARGV[2]) end
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '')
if not last or last < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'last', ARGV[1]) end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;

export const ADVANCE_DELIVERY: ScriptDefinition = { numberOfKeys: 1, lua: ADVANCE_LUA };
