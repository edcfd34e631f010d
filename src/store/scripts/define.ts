import type { Redis } from 'ioredis';

export interface ScriptDefinition {
  numberOfKeys: number;
  lua: string;
}

/**
 * Defines a store's Lua scripts as ioredis commands (EVALSHA, falling back to EVAL), once per
 * connection however many stores share it, and returns the connection typed with them.
 */
export function withScripts<Commands>(redis: Redis, scripts: Record<keyof Commands & string, ScriptDefinition>): Redis & Commands {
  for (const [name, script] of Object.entries(scripts) as Array<[string, ScriptDefinition]>) {
    if (typeof (redis as unknown as Record<string, unknown>)[name] !== 'function') redis.defineCommand(name, script);
  }
  return redis as Redis & Commands;
}
