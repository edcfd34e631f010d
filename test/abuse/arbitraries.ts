/**
 * Generators of hostile input shared by the abuse tests: Slack mention shapes (well formed and not),
 * injected mrkdwn, control characters, emoji and mojibake, plus the words the command parser knows,
 * so that random input reaches every branch of the parsers instead of stopping at the first word.
 */
import fc from 'fast-check';

/** Run counts and a time bound for every property (CI machines have 2 cores). */
export const RUNS = Number(process.env.ABUSE_RUNS ?? 3000);
export const PROPERTY_OPTIONS = { numRuns: RUNS, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false } as const;

/** Things a person can type that Slack (or a sly person) turns into pings, links or formatting. */
export const MENTIONS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!channel|channel>',
  '<!here|@here>',
  '<!subteam^S1>',
  '<!subteam^S0123ABC|@devs>',
  '<!date^1392734382^{date_short}|Feb 18>',
  '<@U123>',
  '<@U123|alice>',
  '<@W0ABC|x>',
  '<@U123|<!channel>>',
  '<@U123|<@U456>>',
  '<@<!here>>',
  '<@>',
  '<@u123>',
  '<@U1>',
  '<#C1|x>',
  '<#C0QUIZ001|devops-practice>',
  '<#C1>',
  '<https://evil.example|click me>',
  '<https://evil.example|<!channel>>',
  '<mailto:a@b.c|mail>',
  '<javascript:alert(1)|x>',
  '<!channel',
  '!channel>',
  '<<!channel>>',
  '&lt;!channel&gt;',
  '&amp;lt;!here&amp;gt;',
  '&#60;!channel&#62;',
  '@channel',
  '@here',
  '@everyone',
];

export const MRKDWN = ['*bold*', '_it_', '~strike~', '`code`', '```block```', '``', '`', '> quote', '>>>', '&', '&amp;', '<', '>', '|', '\\', '"', "'", '*', '_', '~'];

export const CONTROL = ['\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u200e', '\u202e', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\udfff'];

export const EMOJI = ['🧠', '👀', '🔥', '🟢', '🟡', '🔴', '📚', '👩🏽‍💻', '🏳️‍🌈', '🇩🇪', '❤️', '✔️', '⚠️', 'é', 'ñ', 'Ω', '中文', 'العربية', 'עברית', '𝓗𝓮𝓵𝓵𝓸', 'ß', 'İ', 'ﬁ'];

export const MOJIBAKE = ['ðŸ§ ', 'ðŸ§\u00a0', 'â€™', 'â€œ', 'â€', 'âœ”', 'âœ…', 'âš\u00a0', 'âš ', 'â˜‘', 'âž¡', 'ðŸ', 'Ã©', 'Ã', 'ðŸŸ¢', 'ðŸ’¡', '\u0081', '\u008d', '\u009d'];

/** Words the command parser reacts to, so random commands go deep. */
export const COMMAND_WORDS = [
  'help', '?', 'schedule', 'leaderboard', 'board', 'top', 'stats', 'me', 'mock', 'interview',
  'off', 'stop', 'week', 'month', 'all', 'weekly', 'daily', 'weekdays', 'mon,wed,fri', 'sun', 'monday,fri', 'mon,,fri',
  '09:30', '9.30', '23:59', '24:00', '8am', '12pm', '13pm', '0am', '17h00', '7', '25', '-1',
  'reveal', '4h', '90m', '1h30m', '25h', '0m', '99999m',
  'Europe/Berlin', 'America/New_York', 'UTC', 'gmt', 'Mars/Olympus', '../../etc/passwd', 'Etc/GMT+14',
  'EST', 'ist', 'UTC+2', 'GMT-05:30', '+14', 'europe/berlin', 'Asia/Berlin', 'berlin', 'weekends', 'weekend', 'mon-fri', 'fri-mon', 'am', 'pm',
  '@nobody', 'terraform&amp;aws', '&lt;!channel&gt;',
  'beginner', 'intermediate', 'advanced', 'easy', 'hard', 'senior',
  'kubernetes', 'k8s', 'terraform', 'docker', 'git', 'ci/cd', 'c++', 'node.js',
  '0', '1', '5', '10', '11', '100', '1e3', '0x10', 'NaN', 'Infinity',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype',
];

const pick = (list: readonly string[]) => fc.constantFrom(...list);

/** One hostile "word" (it may contain white space itself). */
export const hostileToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: pick(COMMAND_WORDS) },
  { weight: 3, arbitrary: pick(MENTIONS) },
  { weight: 2, arbitrary: pick(MRKDWN) },
  { weight: 1, arbitrary: pick(CONTROL) },
  { weight: 1, arbitrary: pick(EMOJI) },
  { weight: 1, arbitrary: pick(MOJIBAKE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', '', '\u00a0', '\u200b', '\u3000');

/** A sequence of hostile tokens glued by assorted white space. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.tuple(hostileToken, separator), { maxLength: 24 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Very long text: a hostile token repeated hundreds or thousands of times. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', 'help ', 'schedule ', 'mock ', 'stats ', 'kubernetes '), hostileToken, fc.integer({ min: 100, max: 3000 }))
  .map(([head, t, n]) => head + t.repeat(n));

/** Any string a slash command could carry. */
export const commandText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.tuple(pick(['help', 'schedule', 'leaderboard', 'stats', 'mock', 'interview', 'me', 'top']), hostileText).map(([a, b]) => `${a} ${b}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: longText },
);

/** Free text for question titles, categories and answers: hostile tokens and plain words. */
export const freeText = (maxLength = 40): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.oneof(hostileToken, pick(['Kubernetes', 'what', 'is', 'a', 'Pod?', 'the', 'difference', '&&', '<T>', 'a < b > c', '&nbsp;', '&#x1F600;', '[link](https://x.example/?a=<b>&c=|d)', '<https://ok.example/path>', '<br>', '**bold**', '__u__', '***x***', '~~s~~'])), separator), { maxLength })
    .map((parts) => parts.map(([t, s]) => t + s).join(''));
