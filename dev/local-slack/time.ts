/** Message timestamps and time zones as Slack presents them. */

/** ts → integer microseconds, for ordering and range filters (ts stays an opaque string elsewhere). */
export function tsToMicros(ts: string): number {
  const [sec, frac = ''] = String(ts).split('.');
  return Number(sec) * 1_000_000 + Number((frac + '000000').slice(0, 6));
}

export function microsToTs(us: number): string {
  const sec = Math.floor(us / 1_000_000);
  const frac = us - sec * 1_000_000;
  return `${sec}.${String(frac).padStart(6, '0')}`;
}

/** A zone's offset from UTC in seconds at `at` (users.info `tz_offset`). */
export function tzOffsetSeconds(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

/** A zone's long name at `at` (users.info `tz_label`, e.g. "Central European Summer Time"). */
export function tzLabel(tz: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
}
