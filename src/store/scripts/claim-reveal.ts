import type { ScriptDefinition } from './define';

/**
 * Claims the right to post a question's answer, in one round trip, so exactly one caller posts it.
 *
 * KEYS[1] the post hash
 * ARGV[1] who claims ('auto' for the timed reveal), ARGV[2] now in ms (the claim's age is measured from it)
 * ARGV[3] '' for a first claim; or the `revealedAt` of a claim the caller found too old to still be posting (its
 *         answer found nowhere): that claim is taken over, unless someone else took it over or recorded an answer
 *         meanwhile (a claim made before claims kept their time counts as '0').
 *
 * Returns { 'missing' } for a message that is not a posted question (and creates nothing), else { 'claimed' or
 * 'taken', the hash as HGETALL gives it }.
 */
const CLAIM_REVEAL_LUA = `
local key, by, now, stale = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
if redis.call('HEXISTS', key, 'questionId') == 0 then return {'missing'} end
local claimed = false
if stale == '' then
  claimed = redis.call('HSETNX', key, 'revealedBy', by) == 1
elseif redis.call('HEXISTS', key, 'answerTs') == 0 and redis.call('HEXISTS', key, 'revealedBy') == 1
    and (redis.call('HGET', key, 'revealedAt') or '0') == stale then
  redis.call('HSET', key, 'revealedBy', by)
  claimed = true
end
if claimed then redis.call('HSET', key, 'revealedAt', now) end
return {claimed and 'claimed' or 'taken', redis.call('HGETALL', key)}
`;

export const CLAIM_REVEAL: ScriptDefinition = { numberOfKeys: 1, lua: CLAIM_REVEAL_LUA };
