import type { ScriptDefinition } from './define';

/**
 * Replaces an installation's sealed record with the same record sealed under the current key, only if it is still
 * the value that was read: a token refreshed in between is never overwritten with the older one.
 *
 * KEYS[1] the installation's hash
 * ARGV[1] the sealed value that was read, ARGV[2] the new key id, ARGV[3] the new sealed value
 * Returns 1 when replaced, 0 when the record changed (or went) meanwhile.
 */
export const RESEAL_INSTALLATION: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `
if redis.call('HGET', KEYS[1], 'sealed') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'key', ARGV[2], 'sealed', ARGV[3])
return 1
`,
};
