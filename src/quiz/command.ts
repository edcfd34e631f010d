import { levelFromWord, type Level } from '../model/levels';
import type { Period } from '../model/boards';
import { MOCK_MAX_QUESTIONS, type CommandProblem, type QuizCommand, type ScheduleRequest } from '../model/commands';
import { DAY_NAMES, EVERY_DAY, WEEKDAYS } from '../model/schedules';


const MAX_INPUT = 500;


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

/**
 * Parses the text of `/devops-quiz …` into what the person asked for. Pure and total: any
 * input gives a command or a `help` with the problem to show, never an exception.
 */
export function parseCommand(rawText: string): QuizCommand {
  // Control characters and runs of white space mean nothing here; very long input is cut.
  const text = Array.from(rawText.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, ' '))
    .slice(0, MAX_INPUT)
    .join('')
    .trim();
  if (!text) return { kind: 'question', level: null, topics: [] };
  const words = text.split(/\s+/);
  const [first, ...rest] = words;
  switch (first.toLowerCase()) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'schedule':
      return parseSchedule(rest);
    case 'leaderboard':
    case 'board':
    case 'top':
      return parseLeaderboard(rest);
    case 'stats':
    case 'me':
      return parseStats(rest);
    case 'mock':
    case 'interview':
      return parseMock(rest);
    default:
      return parseQuestion(words);
  }
}

function parseQuestion(words: string[]): QuizCommand {
  let level: Level | null = null;
  const topics: string[] = [];
  for (const word of words) {
    const l = levelWord(word);
    if (l) {
      if (level && level !== l) return problem({ code: 'two-levels', first: level, second: l });
      level = l;
    } else if (/^[\p{L}\p{N}][\p{L}\p{N}/&.+_-]{0,39}$/u.test(word)) {
      topics.push(word.toLowerCase());
    } else {
      return problem({ code: 'not-understood', word });
    }
  }
  return { kind: 'question', level, topics };
}

function parseLeaderboard(rest: string[]): QuizCommand {
  const word = (rest[0] ?? 'all').toLowerCase();
  const periods: Record<string, Period> = { week: 'week', weekly: 'week', month: 'month', monthly: 'month', all: 'all', 'all-time': 'all', alltime: 'all', ever: 'all' };
  const period = lookup(periods, word);
  if (rest.length > 1 || !period) return problem({ code: 'leaderboard-usage' });
  return { kind: 'leaderboard', period };
}

function parseStats(rest: string[]): QuizCommand {
  if (rest.length === 0) return { kind: 'stats', user: null };
  const user = rest.length === 1 ? mentionedUser(rest[0]) : null;
  if (!user) return problem({ code: 'stats-usage' });
  return { kind: 'stats', user };
}

function parseMock(rest: string[]): QuizCommand {
  const candidate = rest[0] ? mentionedUser(rest[0]) : null;
  if (!candidate) return problem({ code: 'mock-needs-mention' });
  let count = 5;
  let level: Level | null = null;
  const topics: string[] = [];
  for (const word of rest.slice(1)) {
    if (/^\d+$/.test(word)) {
      count = Number(word);
      if (count < 1 || count > MOCK_MAX_QUESTIONS) return problem({ code: 'mock-count' });
    } else if (levelWord(word)) {
      level = levelWord(word);
    } else if (/^[\p{L}\p{N}][\p{L}\p{N}/&.+_-]{0,39}$/u.test(word)) {
      topics.push(word.toLowerCase());
    } else {
      return problem({ code: 'not-understood', word, usage: 'mock' });
    }
  }
  return { kind: 'mock', candidate, count, level, topics };
}

function parseSchedule(rest: string[]): QuizCommand {
  if (rest.length === 0) return { kind: 'schedule-show' };
  if (rest.length === 1 && ['off', 'stop', 'remove', 'disable'].includes(rest[0].toLowerCase())) return { kind: 'schedule-off' };

  const time = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/.exec(rest[0]) ?? /^([01]?\d|2[0-3])$/.exec(rest[0]);
  let hour: number;
  let minute = 0;
  if (time) {
    hour = Number(time[1]);
    minute = time[2] ? Number(time[2]) : 0;
  } else {
    const ampm = /^(1[0-2]|0?[1-9])(?::([0-5]\d))?(am|pm)$/i.exec(rest[0]);
    if (!ampm) return problem({ code: 'bad-time', word: rest[0] });
    hour = (Number(ampm[1]) % 12) + (ampm[3].toLowerCase() === 'pm' ? 12 : 0);
    minute = ampm[2] ? Number(ampm[2]) : 0;
  }

  const req: ScheduleRequest = { hour, minute, tz: null, days: [...WEEKDAYS], level: null, topics: [], revealAfterMinutes: null };
  const words = rest.slice(1);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const lower = word.toLowerCase();
    if (word.includes('/') || lower === 'utc' || lower === 'gmt') {
      req.tz = lower === 'utc' || lower === 'gmt' ? 'UTC' : word;
    } else if (lower === 'weekdays' || lower === 'workdays') {
      req.days = [...WEEKDAYS];
    } else if (lower === 'daily' || lower === 'everyday') {
      req.days = [...EVERY_DAY];
    } else if (/^[a-z]{3}[a-z]*(,[a-z]{3}[a-z]*)*$/.test(lower) && lower.split(',').every((d) => DAY_NAMES.includes(d.slice(0, 3)))) {
      req.days = [...new Set(lower.split(',').map((d) => DAY_NAMES.indexOf(d.slice(0, 3))))].sort();
    } else if (levelWord(word)) {
      req.level = levelWord(word);
    } else if (lower === 'reveal') {
      const minutes = parseDuration(words[i + 1] ?? '');
      if (minutes === null || minutes < 1 || minutes > 24 * 60) return problem({ code: 'reveal-usage' });
      req.revealAfterMinutes = minutes;
      i++;
    } else if (/^[\p{L}\p{N}][\p{L}\p{N}&.+_-]{0,39}$/u.test(word)) {
      req.topics.push(lower);
    } else {
      return problem({ code: 'not-understood', word, usage: 'schedule' });
    }
  }
  return { kind: 'schedule-set', schedule: req };
}

/** `4h`, `90m`, `1h30m` → minutes. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d{1,2})h)?(?:(\d{1,4})m)?$/i.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}
