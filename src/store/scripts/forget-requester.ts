import type { ScriptDefinition } from './define';

/**
 * Removes who asked for a posted question from its record, when it was this person (a compare-and-delete, so a
 * record is never left half-read).
 *
 * KEYS[1] the post hash, ARGV[1] the person's user id. Returns 1 when removed, else 0.
 */
const FORGET_REQUESTER_LUA = `
if redis.call('HGET', KEYS[1], 'requestedBy') == ARGV[1] then return redis.call('HDEL', KEYS[1], 'requestedBy') end
return 0
`;

export const FORGET_REQUESTER: ScriptDefinition = { numberOfKeys: 1, lua: FORGET_REQUESTER_LUA };
