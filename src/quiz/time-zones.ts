/**
 * Time-zone words in `/devops-quiz schedule`: IANA names, matched case-insensitively and given back in their
 * canonical spelling, and the abbreviations and offsets people type instead (EST, CET, IST, UTC+2), which name no
 * single zone and ignore summer time, so they are answered with the IANA names to use.
 */

/** What a word in a schedule says about the time zone. */
export type ZoneWord =
  | { kind: 'zone'; tz: string }
  /** An abbreviation or a fixed offset: `zones` are the IANA names to use instead. */
  | { kind: 'abbreviation' | 'offset'; zones: string[] }
  /** Looks like a zone name (`Region/City`, or a city alone) but is none: `zones` are close real ones. */
  | { kind: 'unknown'; zones: string[] }
  | { kind: 'not-a-zone' };

/** Shown when nothing closer is known. */
export const EXAMPLE_ZONES = ['Europe/Berlin', 'America/New_York', 'UTC'];

/** Common abbreviations (upper case) and the zones people usually mean by them, most likely first. */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  EST: ['America/New_York', 'America/Toronto'],
  EDT: ['America/New_York', 'America/Toronto'],
  ET: ['America/New_York', 'America/Toronto'],
  CST: ['America/Chicago', 'America/Mexico_City', 'Asia/Shanghai'],
  CDT: ['America/Chicago', 'America/Winnipeg'],
  CT: ['America/Chicago', 'America/Winnipeg'],
  MST: ['America/Denver', 'America/Phoenix', 'America/Edmonton'],
  MDT: ['America/Denver', 'America/Edmonton'],
  MT: ['America/Denver', 'America/Edmonton'],
  PST: ['America/Los_Angeles', 'America/Vancouver'],
  PDT: ['America/Los_Angeles', 'America/Vancouver'],
  PT: ['America/Los_Angeles', 'America/Vancouver'],
  AKST: ['America/Anchorage'],
  AKDT: ['America/Anchorage'],
  HST: ['Pacific/Honolulu'],
  GMT: ['Europe/London', 'UTC'],
  BST: ['Europe/London', 'Asia/Dhaka'],
  IST: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  WET: ['Europe/Lisbon'],
  WEST: ['Europe/Lisbon'],
  CET: ['Europe/Berlin', 'Europe/Paris', 'Europe/Madrid'],
  CEST: ['Europe/Berlin', 'Europe/Paris', 'Europe/Madrid'],
  MEZ: ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich'],
  MESZ: ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich'],
  EET: ['Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest'],
  EEST: ['Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest'],
  MSK: ['Europe/Moscow'],
  TRT: ['Europe/Istanbul'],
  GST: ['Asia/Dubai'],
  PKT: ['Asia/Karachi'],
  ICT: ['Asia/Bangkok', 'Asia/Ho_Chi_Minh'],
  WIB: ['Asia/Jakarta'],
  SGT: ['Asia/Singapore'],
  HKT: ['Asia/Hong_Kong'],
  PHT: ['Asia/Manila'],
  JST: ['Asia/Tokyo'],
  KST: ['Asia/Seoul'],
  AWST: ['Australia/Perth'],
  ACST: ['Australia/Adelaide', 'Australia/Darwin'],
  ACDT: ['Australia/Adelaide'],
  AEST: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane'],
  AEDT: ['Australia/Sydney', 'Australia/Melbourne'],
  NZST: ['Pacific/Auckland'],
  NZDT: ['Pacific/Auckland'],
  BRT: ['America/Sao_Paulo'],
  ART: ['America/Argentina/Buenos_Aires'],
  WAT: ['Africa/Lagos'],
  CAT: ['Africa/Maputo', 'Africa/Harare'],
  EAT: ['Africa/Nairobi'],
  SAST: ['Africa/Johannesburg'],
};

/** `UTC+2`, `GMT-05:00`, `+0530`, `UTC−3` (a minus sign): hours and minutes east of UTC. */
const OFFSET = /^(?:utc|gmt|z)?([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/i;

/** Zones offered for a fixed offset: the cities of the abbreviation table, each counted once. */
const CITY_ZONES = [...new Set(Object.values(ABBREVIATIONS).flat())].filter((z) => z !== 'UTC');

let canonical: Map<string, string> | null = null;

/** Lower-case name → canonical name, from the runtime's zone list (Intl.supportedValuesOf), plus `UTC`. */
function canonicalNames(): Map<string, string> {
  if (!canonical) {
    canonical = new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
    canonical.set('utc', 'UTC');
  }
  return canonical;
}

/** The zone's canonical name when the runtime knows it (aliases such as `US/Eastern` included), else null. */
export function canonicalZone(word: string): string | null {
  const hit = canonicalNames().get(word.toLowerCase());
  if (hit) return hit;
  // Aliases are known to Intl but absent from its list; Intl resolves them to the canonical zone.
  if (!word.includes('/')) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: word }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Minutes east of UTC in `tz` at `at`. */
function offsetMinutes(tz: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Cities whose clocks show this offset now, then those showing it in the other season (people read it off today's clock). */
function zonesAtOffset(minutes: number, now: Date): string[] {
  if (minutes === 0) return ['UTC', 'Europe/London'];
  const halfYear = new Date(now.getTime() + 182 * 24 * 3600 * 1000);
  const at = (when: Date) => CITY_ZONES.filter((z) => offsetMinutes(z, when) === minutes);
  const zones = [...new Set([...at(now), ...at(halfYear)])].slice(0, 3);
  if (zones.length) return zones;
  // No city we list: the fixed-offset zone itself (IANA's Etc/GMT signs are inverted: Etc/GMT-2 is UTC+2).
  return minutes % 60 === 0 && minutes >= -12 * 60 && minutes <= 14 * 60 ? [`Etc/GMT${minutes > 0 ? '-' : '+'}${Math.abs(minutes / 60)}`] : ['UTC'];
}

let cities: Map<string, string[]> | null = null;

/** `berlin` → [`Europe/Berlin`]: the last part of each canonical name, lower case, spaces as `_`. */
function zonesByCity(): Map<string, string[]> {
  if (!cities) {
    cities = new Map();
    for (const z of canonicalNames().values()) {
      const city = z.split('/').pop()!.toLowerCase();
      if (z.includes('/')) cities.set(city, [...(cities.get(city) ?? []), z]);
    }
  }
  return cities;
}

/** Real zones with the same city as `word` (`Asia/Berlin` → `Europe/Berlin`), for "did you mean". */
function sameCity(word: string): string[] {
  return (zonesByCity().get(word.split('/').pop()!.toLowerCase()) ?? []).slice(0, 3);
}

/** Suggestions spelled as a schedule will show them (this runtime may know `Asia/Kolkata` as `Asia/Calcutta`). */
function canonicalList(zones: readonly string[]): string[] {
  return [...new Set(zones.map((z) => canonicalZone(z) ?? z))];
}

/** Reads one word of a schedule as a time zone, if it is one or tries to be one. */
export function readZoneWord(word: string, now: Date = new Date()): ZoneWord {
  const abbreviation = Object.hasOwn(ABBREVIATIONS, word.toUpperCase()) ? ABBREVIATIONS[word.toUpperCase()] : null;
  if (abbreviation) return { kind: 'abbreviation', zones: canonicalList(abbreviation) };
  const offset = OFFSET.exec(word);
  if (offset && Number(offset[2]) <= 14 && Number(offset[3] ?? 0) < 60) {
    const minutes = (offset[1] === '+' ? 1 : -1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
    return { kind: 'offset', zones: canonicalList(zonesAtOffset(minutes, now)) };
  }
  const tz = canonicalZone(word);
  if (tz) return { kind: 'zone', tz };
  if (word.includes('/')) {
    const close = sameCity(word);
    return { kind: 'unknown', zones: close.length ? close : EXAMPLE_ZONES };
  }
  return { kind: 'not-a-zone' };
}

/** A city's zones when `word` is a city alone (`berlin`), for words that are nothing else. */
export function zonesForCity(word: string): string[] {
  return /^[\p{L}_-]{3,}$/u.test(word) ? sameCity(word) : [];
}
