/** Reading loosely typed Web API arguments (form fields arrive as strings, JSON bodies as anything). */

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Slack's booleans: `true`, `1`, `"true"` or `"1"`. */
export function flag(v: unknown): boolean {
  return v === true || v === 1 || v === 'true' || v === '1';
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function num(v: unknown, dflt: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : dflt;
}

/** A deep copy, so callers cannot change what the stand-in stores through what it returned. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
