import type { ScriptDefinition } from './define';

/** Pushes the fresh deck only if nobody else refilled it meanwhile, then draws from it. */
const REFILL_DECK_LUA = `
if redis.call('LLEN', KEYS[1]) == 0 then
  -- in slices: Lua's unpack() has a stack limit of a few thousand values
  for i = 1, #ARGV, 1000 do
    redis.call('RPUSH', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
  end
end
return redis.call('LPOP', KEYS[1])
`;

export const REFILL_DECK: ScriptDefinition = { numberOfKeys: 1, lua: REFILL_DECK_LUA };
