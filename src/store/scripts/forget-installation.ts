import type { ScriptDefinition } from './define';

/**
 * Deletes an installation's hash only if it was written at or before a time: the uninstall's clean-up never
 * deletes the record of a re-install that came after it.
 *
 * KEYS[1] the installation's hash
 * ARGV[1] the time (epoch ms) the clean-up was asked for
 * Returns 1 when deleted, 0 when there was none or it is newer.
 */
export const FORGET_INSTALLATION_BEFORE: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `
local updated = redis.call('HGET', KEYS[1], 'updated')
if not updated then return redis.call('DEL', KEYS[1]) end
if tonumber(updated) > tonumber(ARGV[1]) then return 0 end
return redis.call('DEL', KEYS[1])
`,
};
