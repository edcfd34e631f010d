import { levelFromWord, type Level } from '../model/levels';
import type { Period } from '../model/boards';
import { MAX_TOPIC_WORDS, MOCK_MAX_QUESTIONS, type CommandProblem, type CommandUsage, type QuizCommand, type ScheduleRequest } from '../model/commands';
import { EVERY_DAY, WEEKDAYS } from '../model/schedules';
import { parseReview } from '../review/command';
import { readZoneWord, zonesForCity } from './time-zones';

const MAX_INPUT = 500;

/** Bidi controls: echoed back, they could make the reply read in another order than it was written. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Other control and invisible characters mean nothing in a command: they separate words like spaces. */
const CONTROL = /[\u0000-\u001f\u007f\u200b-\u200d\u2028\u2029\ufeff]/g;

/** A topic word: letters or digits first, then a few joiners (`ci/cd`, `node.js`, `c++`). */
const TOPIC_WORD = /^[\p{L}\p{N}][\p{L}\p{N}/&.+_-]{0,39}$/u;

export interface ParseOptions {
  /** Whether a topic word matches any question. Without it, every word shaped like a topic is taken as one. */
  knownTopic?: (word: string) => boolean;
}

function problem(p: CommandProblem): QuizCommand {
  return { kind: 'help', problem: p };
}

/** Own keys only: `__proto__` or `constructor` typed as a word must not find Object.prototype's members. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | null {
  return Object.hasOwn(table, key) ? table[key] : null;
}

export function levelWord(word: string): Level | null {
  return levelFromWord(word);
}

/** `<@U123>` or `<@U123|name>` (Slack escapes mentions when the command has should_escape). */
export function mentionedUser(word: string): string | null {
  const m = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(word);
  return m ? m[1] : null;
}

const SPECIAL_MENTIONS = new Set(['here', 'channel', 'everyone']);
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** One `<…>` token of Slack's as the person typed it: `<@U1|bob>` → `@bob`, `<!here>` → `@here`, `<url|label>` → label. */
function typedToken(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) return `@${label || target.slice(1)}`;
  if (target.startsWith('#')) return `#${label || target.slice(1)}`;
  if (target.startsWith('!')) {
    const name = target.slice(1).split('^')[0];
    if (SPECIAL_MENTIONS.has(name)) return `@${name}`;
    return label || `@${target.slice(1).split('^')[1] ?? name}`;
  }
  return label || target;
}

/**
 * A word as the person typed it. Slack sends slash-command text with `&`, `<`, `>` escaped and with mentions,
 * channels and links as `<…>` tokens; undoing both once lets the reply quote the word exactly as it was typed.
 */
export function typedForm(wire: string): string {
  return wire.replace(/<([^<>]*)>|&(amp|lt|gt);/g, (_all, token: string | undefined, entity: string | undefined) =>
    token !== undefined ? typedToken(token) : ENTITIES[entity!],
  );
}

/** Collects the words a command could not use, for one reply that names them all. */
class Leftovers {
  readonly words: string[] = [];
  readonly topics: string[] = [];
  tooManyTopics = false;
  constructor(private readonly usage: CommandUsage) {}
  word(typed: string): void {
    if (!this.words.includes(typed)) this.words.push(typed);
  }
  topic(typed: string): void {
    if (!this.topics.includes(typed)) this.topics.push(typed);
  }
  problem(): CommandProblem | null {
    if (this.words.length || this.topics.length) return { code: 'not-understood', usage: this.usage, words: this.words, topics: this.topics };
    return this.tooManyTopics ? { code: 'too-many-topics', usage: this.usage, max: MAX_TOPIC_WORDS } : null;
  }
}

/** Reads a topic word into `topics` (once), or notes it as unknown (no question matches), one too many, or not understood. */
function takeTopic(typed: string, topics: string[], left: Leftovers, opts: ParseOptions): void {
  const topic = typed.toLowerCase();
  if (!TOPIC_WORD.test(typed)) left.word(typed);
  else if (opts.knownTopic && !opts.knownTopic(typed)) left.topic(typed);
  else if (topics.includes(topic)) return;
  else if (topics.length >= MAX_TOPIC_WORDS) left.tooManyTopics = true;
  else topics.push(topic);
}

/**
 * Parses the text of `/devops-quiz …`, exactly as Slack sends it, into what the person asked for. Pure and
 * total: any input gives a command or a `help` with the problem to show, never an exception.
 */
export function parseCommand(rawText: string, opts: ParseOptions = {}): QuizCommand {
  // Control characters and runs of white space mean nothing here; very long input is cut.
  const text = Array.from(rawText.replace(BIDI, '').replace(CONTROL, ' '))
    .slice(0, MAX_INPUT)
    .join('')
    .trim();
  if (!text) return { kind: 'question', level: null, topics: [] };
  const words = text.split(/\s+/);
  const [first, ...rest] = words;
  switch (typedForm(first).toLowerCase()) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'schedule':
      return parseSchedule(rest, opts);
    case 'leaderboard':
    case 'board':
    case 'top':
      return parseLeaderboard(rest);
    case 'stats':
    case 'me':
      return parseStats(rest);
    case 'mock':
    case 'interview':
      return parseMock(rest, opts);
    case 'forget':
      return parseForget(rest);
    case 'review':
    case 'reviews':
      return parseReview(rest.map(typedForm), readTime);
    default:
      return parseQuestion(words, opts);
  }
}

function parseQuestion(words: string[], opts: ParseOptions): QuizCommand {
  let level: Level | null = null;
  const topics: string[] = [];
  const left = new Leftovers('question');
  for (const typed of words.map(typedForm)) {
    const l = levelWord(typed);
    if (l) {
      if (level && level !== l) return problem({ code: 'two-levels', first: level, second: l, usage: 'question' });
      level = l;
    } else {
      takeTopic(typed, topics, left, opts);
    }
  }
  const p = left.problem();
  return p ? problem(p) : { kind: 'question', level, topics };
}

const PERIODS: Readonly<Record<string, Period>> = { week: 'week', weekly: 'week', month: 'month', monthly: 'month', all: 'all', 'all-time': 'all', alltime: 'all', ever: 'all' };

function parseLeaderboard(rest: string[]): QuizCommand {
  const [word, ...extra] = rest.map(typedForm);
  const period = word === undefined ? 'all' : lookup(PERIODS, word.toLowerCase());
  const left = new Leftovers('leaderboard');
  if (!period) left.word(word);
  extra.forEach((w) => left.word(w));
  const p = left.problem();
  return p || !period ? problem(p ?? { code: 'not-understood', usage: 'leaderboard', words: [], topics: [] }) : { kind: 'leaderboard', period };
}

/** A plain `@name` is what Slack leaves of an @mention it could not resolve to a member. */
const isUnresolvedMention = (wire: string) => /^@[^\s@<>]+$/.test(wire) && !SPECIAL_MENTIONS.has(wire.slice(1).toLowerCase());

/** `forget me`, or `forget @person` (for admins). Nothing else: deleting is never a guess. */
function parseForget(rest: string[]): QuizCommand {
  const [first, ...extra] = rest;
  const user = first === undefined ? null : mentionedUser(first);
  if (first !== undefined && !user && isUnresolvedMention(first)) return problem({ code: 'not-a-member', word: typedForm(first), usage: 'forget' });
  const left = new Leftovers('forget');
  extra.forEach((w) => left.word(typedForm(w)));
  const self = first !== undefined && ['me', 'myself'].includes(typedForm(first).toLowerCase());
  if (first !== undefined && !user && !self) left.word(typedForm(first));
  const p = left.problem() ?? (first === undefined ? { code: 'not-understood' as const, usage: 'forget' as const, words: [], topics: [] } : null);
  return p ? problem(p) : { kind: 'forget', user };
}

function parseStats(rest: string[]): QuizCommand {
  if (rest.length === 0) return { kind: 'stats', user: null };
  const user = mentionedUser(rest[0]);
  if (!user && isUnresolvedMention(rest[0])) return problem({ code: 'not-a-member', word: typedForm(rest[0]), usage: 'stats' });
  const left = new Leftovers('stats');
  for (const wire of user ? rest.slice(1) : rest) left.word(typedForm(wire));
  const p = left.problem();
  return p ? problem(p) : { kind: 'stats', user };
}

function parseMock(rest: string[], opts: ParseOptions): QuizCommand {
  if (rest.length === 0) return problem({ code: 'mock-needs-mention', word: null });
  const candidate = mentionedUser(rest[0]);
  if (!candidate) {
    if (isUnresolvedMention(rest[0])) return problem({ code: 'not-a-member', word: typedForm(rest[0]), usage: 'mock' });
    return problem({ code: 'mock-needs-mention', word: typedForm(rest[0]) });
  }
  let count = 5;
  let level: Level | null = null;
  const topics: string[] = [];
  const left = new Leftovers('mock');
  for (const typed of rest.slice(1).map(typedForm)) {
    const l = levelWord(typed);
    if (/^\d+$/.test(typed)) {
      count = Number(typed);
      if (count < 1 || count > MOCK_MAX_QUESTIONS) return problem({ code: 'mock-count', word: typed });
    } else if (l) {
      if (level && level !== l) return problem({ code: 'two-levels', first: level, second: l, usage: 'mock' });
      level = l;
    } else {
      takeTopic(typed, topics, left, opts);
    }
  }
  const p = left.problem();
  return p ? problem(p) : { kind: 'mock', candidate, count, level, topics };
}

/** Day words: full names, three-letter and common short forms, and plurals (`mondays`). */
const DAYS: Readonly<Record<string, number>> = {
  sun: 0, sunday: 0,
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
};
const DAY_SETS: Readonly<Record<string, readonly number[]>> = {
  weekdays: WEEKDAYS, weekday: WEEKDAYS, workdays: WEEKDAYS,
  weekends: [0, 6], weekend: [0, 6],
  daily: EVERY_DAY, everyday: EVERY_DAY, 'every-day': EVERY_DAY,
};

const dayOf = (word: string): number | null => lookup(DAYS, word) ?? (word.endsWith('days') ? lookup(DAYS, word.slice(0, -1)) : null);

/** `weekends`, `mon,wed,fri`, `mon-fri`, `friday`: the days a word names, or null when it names none. */
export function readDays(word: string): number[] | null {
  const lower = word.toLowerCase();
  const set = lookup(DAY_SETS, lower);
  if (set) return [...set];
  const days: number[] = [];
  for (const part of lower.split(',').filter(Boolean)) {
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    if (range) {
      const [from, to] = [dayOf(range[1]), dayOf(range[2])];
      if (from === null || to === null) return null;
      for (let d = from; ; d = (d + 1) % 7) {
        days.push(d);
        if (d === to) break;
      }
    } else {
      const day = dayOf(part);
      if (day === null) return null;
      days.push(day);
    }
  }
  return days.length ? days : null;
}

/** `09:30`, `9.30`, `17h00`, `7`, `8am`, `12:30pm` → hour and minute. */
export function readTime(word: string): { hour: number; minute: number } | null {
  const h24 = /^([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?$/.exec(word);
  if (h24) return { hour: Number(h24[1]), minute: Number(h24[2] ?? 0) };
  const ampm = /^(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?(am|pm)$/i.exec(word);
  if (!ampm) return null;
  return { hour: (Number(ampm[1]) % 12) + (ampm[3].toLowerCase() === 'pm' ? 12 : 0), minute: Number(ampm[2] ?? 0) };
}

function parseSchedule(rest: string[], opts: ParseOptions): QuizCommand {
  const words = rest.map(typedForm);
  if (words.length === 0) return { kind: 'schedule-show' };
  if (words.length === 1 && ['off', 'stop', 'remove', 'disable'].includes(words[0].toLowerCase())) return { kind: 'schedule-off' };
  if (['recap', 'recaps'].includes(words[0].toLowerCase())) return parseRecap(words.slice(1));

  // `9 am`: the time and its am/pm may come as two words.
  const split = /^\d{1,2}(?:[:.]\d\d)?$/.test(words[0]) && /^(am|pm)$/i.test(words[1] ?? '');
  const time = readTime(split ? `${words[0]}${words[1]}` : words[0]);
  if (!time) return problem({ code: 'bad-time', word: words[0] });
  const start = split ? 2 : 1;

  const req: ScheduleRequest = { ...time, tz: null, days: [...WEEKDAYS], level: null, topics: [], revealAfterMinutes: null };
  const days = new Set<number>();
  const left = new Leftovers('schedule');
  for (let i = start; i < words.length; i++) {
    const word = words[i];
    const named = readDays(word);
    const level = levelWord(word);
    if (named) {
      named.forEach((d) => days.add(d));
    } else if (level) {
      if (req.level && req.level !== level) return problem({ code: 'two-levels', first: req.level, second: level, usage: 'schedule' });
      req.level = level;
    } else if (word.toLowerCase() === 'reveal') {
      const minutes = parseDuration(words[i + 1] ?? '');
      if (minutes === null || minutes < 1 || minutes > 24 * 60) return problem({ code: 'reveal-usage', word: words[i + 1] ?? null });
      req.revealAfterMinutes = minutes;
      i++;
    } else {
      const zone = readZoneWord(word);
      // The command as typed, with a zone to use in place of this word.
      const retry = (zones: string[]) => (zones[0] ? ['/devops-quiz schedule', ...words.map((w, j) => (j === i ? zones[0] : w))].join(' ') : null);
      if (zone.kind === 'zone') req.tz = zone.tz;
      else if (zone.kind === 'abbreviation' || zone.kind === 'offset') return problem({ code: zone.kind === 'offset' ? 'zone-offset' : 'zone-abbreviation', word, zones: zone.zones, retry: retry(zone.zones) });
      // A topic of the bank (`ci/cd`) wins over a zone that does not exist.
      else if (TOPIC_WORD.test(word) && opts.knownTopic?.(word)) takeTopic(word, req.topics, left, opts);
      else if (zone.kind === 'unknown') return problem({ code: 'unknown-zone', word, zones: zone.zones, retry: retry(zone.zones) });
      else if (opts.knownTopic && zonesForCity(word).length) return problem({ code: 'unknown-zone', word, zones: zonesForCity(word), retry: retry(zonesForCity(word)) });
      else takeTopic(word, req.topics, left, opts);
    }
  }
  if (days.size) req.days = [...days].sort((a, b) => a - b);
  const p = left.problem();
  return p ? problem(p) : { kind: 'schedule-set', schedule: req };
}

/** `schedule recap on` / `off` (and their usual synonyms); anything else says what to type. */
function parseRecap(words: string[]): QuizCommand {
  const word = words[0]?.toLowerCase();
  const on = word && ['on', 'start', 'enable'].includes(word) ? true : word && ['off', 'stop', 'disable'].includes(word) ? false : null;
  if (on === null || words.length > 1) return problem({ code: 'recap-usage', word: on === null ? (words[0] ?? null) : words[1] });
  return { kind: 'recap-set', on };
}

/** `4h`, `90m`, `1h30m` → minutes. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d{1,2})h)?(?:(\d{1,4})m)?$/i.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}
