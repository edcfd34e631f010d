/**
 * `/devops-quiz review …`, read from the words after `review` (already as the person typed them). Pure and
 * total, like the rest of the command parser: any input gives an action or the problem to show.
 */
import type { QuizCommand } from '../model/commands';
import { REVIEW_DEFAULTS, type ReviewAction, type ReviewSub } from '../model/reviews';
import { readZoneWord } from '../quiz/time-zones';

/** The command parser's reader of times (`10:00`, `9:30am`), handed in so both read times one way. */
export type TimeReader = (word: string) => { hour: number; minute: number } | null;

/** A vacation hold lasts 1 day to 12 weeks. */
export const PAUSE_MAX_DAYS = 84;

/** `2w`, `10d`, `3` (days), `2 weeks` → days, or null. */
export function readPause(text: string): number | null {
  const m = /^(\d{1,3})\s*(d|days?|w|wks?|weeks?)?$/i.exec(text.trim());
  if (!m) return null;
  const days = Number(m[1]) * (m[2] && m[2].toLowerCase().startsWith('w') ? 7 : 1);
  return days >= 1 && days <= PAUSE_MAX_DAYS ? days : null;
}

/** `2026-12-20`, a real calendar date, or null. */
export function readDate(word: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(word);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === word ? word : null;
}

const review = (action: ReviewAction): QuizCommand => ({ kind: 'review', action });
const usage = (sub: ReviewSub, words: readonly string[]): QuizCommand => ({
  kind: 'help',
  problem: { code: 'review-usage', sub, word: words.length ? words.join(' ') : null },
});

/** `on`, `off`, `pause 2w`, `resume`, `time 10:00 [zone]`, `max 2`, `interview <date>|off`, `reset`; nothing shows the cards. */
export function parseReview(words: readonly string[], readTime: TimeReader): QuizCommand {
  const [first, ...args] = words;
  if (first === undefined) return review({ do: 'show' });
  // A sub-command that takes nothing: any word after it is named back.
  const only = (action: ReviewAction): QuizCommand =>
    args.length ? { kind: 'help', problem: { code: 'not-understood', usage: 'review', words: [...new Set(args)], topics: [] } } : review(action);
  switch (first.toLowerCase()) {
    case 'show':
    case 'status':
    case 'list':
      return only({ do: 'show' });
    case 'on':
    case 'start':
      return only({ do: 'on' });
    case 'off':
    case 'stop':
      return only({ do: 'off' });
    case 'resume':
    case 'unpause':
      return only({ do: 'resume' });
    case 'reset':
      return only({ do: 'reset' });
    case 'pause':
    case 'hold': {
      const days = readPause(args.join(' '));
      return days === null ? usage('pause', args) : review({ do: 'pause', days });
    }
    case 'time': {
      // `9 am`: the time and its am/pm may come as two words.
      const split = /^\d{1,2}(?:[:.]\d\d)?$/.test(args[0] ?? '') && /^(am|pm)$/i.test(args[1] ?? '');
      const time = args[0] === undefined ? null : readTime(split ? `${args[0]}${args[1]}` : args[0]);
      if (!time) return usage('time', args.slice(0, 1));
      const zoneWords = args.slice(split ? 2 : 1);
      if (!zoneWords.length) return review({ do: 'time', ...time, tz: null });
      const zone = zoneWords.length === 1 ? readZoneWord(zoneWords[0]) : null;
      return zone?.kind === 'zone' ? review({ do: 'time', ...time, tz: zone.tz }) : usage('time', zoneWords);
    }
    case 'max':
    case 'cap': {
      const max = args.length === 1 && /^\d$/.test(args[0]) ? Number(args[0]) : -1;
      return max < 0 || max > REVIEW_DEFAULTS.maxLimit ? usage('max', args) : review({ do: 'max', max });
    }
    case 'interview': {
      if (args.length === 1 && ['off', 'stop', 'none', 'done'].includes(args[0].toLowerCase())) return review({ do: 'interview-off' });
      const date = args.length === 1 ? readDate(args[0]) : null;
      return date ? review({ do: 'interview', date }) : usage('interview', args);
    }
    default:
      return usage(null, [first]);
  }
}
