/**
 * The recap's reading of a week: which question was hardest (the largest share of Not yet and below-level
 * answers), the week it covers, when it comes, and what the message says (and never says).
 */
import { belowLevel, hardestQuestion } from '../../src/recap/summary';
import { firstScheduledDay, recapTiming, recapWeek, WEEK_MS } from '../../src/recap/timing';
import { recapMessage, RECAP_LIST_MAX, weekLabel } from '../../src/views/recap';
import type { Recap, RecapQuestion } from '../../src/model/recaps';
import type { Level } from '../../src/model/levels';

const q = (title: string, level: Level, tally: [number, number, number, number], ts = title): RecapQuestion => ({ questionId: `p/${title}`, title, level, tally, ts, answerTs: null });

test('below level: Not yet always, and the levels under the question’s own', () => {
  expect(belowLevel(q('b', 'beginner', [1, 2, 3, 4]))).toEqual({ below: 1, answers: 10 });
  expect(belowLevel(q('i', 'intermediate', [1, 2, 3, 4]))).toEqual({ below: 3, answers: 10 });
  expect(belowLevel(q('a', 'advanced', [1, 2, 3, 4]))).toEqual({ below: 6, answers: 10 });
});

test('the hardest has the largest share below its level; ties go to more answers, then the earlier', () => {
  const easy = q('easy', 'beginner', [1, 3, 0, 0]); // 1/4
  const hard = q('hard', 'advanced', [1, 1, 0, 0]); // 2/2
  const many = q('many', 'intermediate', [2, 2, 0, 0]); // 4/4: same share as `hard`, more answers
  expect(hardestQuestion([easy, hard])?.question.title).toBe('hard');
  expect(hardestQuestion([easy, hard, many])).toEqual({ question: many, below: 4, answers: 4 });
  expect(hardestQuestion([hard, q('again', 'advanced', [0, 2, 0, 0])])?.question.title).toBe('hard');
  // Nobody below any level, or nobody answering: no hardest question.
  expect(hardestQuestion([q('known', 'beginner', [0, 2, 1, 1]), q('silent', 'advanced', [0, 0, 0, 0])])).toBeNull();
});

test('the recap comes at the schedule time on its first day of a Monday-first week', () => {
  expect(firstScheduledDay([1, 2, 3, 4, 5])).toBe(1);
  expect(firstScheduledDay([0, 1, 2, 3, 4, 5, 6])).toBe(1);
  expect(firstScheduledDay([0, 6])).toBe(6);
  expect(firstScheduledDay([0, 3])).toBe(3);
  expect(recapTiming({ time: '09:30', days: [2, 4], tz: 'Europe/Berlin' })).toEqual({ pattern: '30 9 * * 2', tz: 'Europe/Berlin' });
});

test('a run covers the seven days before its scheduled time, claimed by that time’s ISO week in the zone', () => {
  const at = new Date('2026-06-15T07:30:00Z'); // Monday 09:30 in Berlin
  expect(recapWeek(at, 'Europe/Berlin')).toEqual({ week: 'w2026-W25', from: at.getTime() - WEEK_MS, to: at.getTime() });
  // Sunday 23:30 UTC is already Monday in Tokyo: the week is the zone's.
  expect(recapWeek(new Date('2026-06-14T23:30:00Z'), 'UTC').week).toBe('w2026-W24');
  expect(recapWeek(new Date('2026-06-14T23:30:00Z'), 'Asia/Tokyo').week).toBe('w2026-W25');
  expect(weekLabel(at.getTime() - WEEK_MS, at.getTime(), 'Europe/Berlin')).toBe('8–15 Jun');
  expect(weekLabel(Date.parse('2026-06-29T08:00:00Z'), Date.parse('2026-07-06T08:00:00Z'), 'UTC')).toBe('29 Jun – 6 Jul');
});

function recap(over: Partial<Recap> = {}): Recap {
  const hard = q('What does <!channel> & *bold* do?', 'advanced', [1, 1, 0, 0], '1700000000.000100');
  return {
    from: Date.parse('2026-06-08T07:30:00Z'),
    to: Date.parse('2026-06-15T07:30:00Z'),
    tz: 'Europe/Berlin',
    questions: [q('Easy one', 'beginner', [0, 3, 1, 0]), hard],
    hardest: { question: hard, below: 2, answers: 2, permalink: 'https://x.slack.com/archives/C1/p1700000000000200?thread_ts=1700000000.000100&cid=C1' },
    streaks: [{ user: 'UALICE01', streak: 4 }],
    cleared: 3,
    ...over,
  };
}

test('the message: each question with its mix, the hardest linked, streaks by name, cleared cards; bank text inert', () => {
  const m = recapMessage(recap());
  const text = JSON.stringify(m.blocks);
  expect(text).toContain('2 questions this week');
  expect(text).toContain('🟢 Easy one  —  🟢 3 · 🟡 1 · 🔴 0 · 📚 0');
  expect(text).toContain('<https://x.slack.com/archives/C1/p1700000000000200?thread_ts=1700000000.000100&amp;cid=C1|What does &lt;!channel&gt; &amp; *bold* do?>');
  expect(text).toContain('2 of 2 answers were 📚 Not yet or below its Advanced level');
  expect(text).toContain('<@UALICE01> 🔥 4');
  expect(text).toContain('3 this week');
  expect(text).not.toContain('<!channel>');
  expect(m.text).not.toContain('<!channel>');
});

test('a link that is not a plain https URL is left out; no hardest, no streaks, a long week', () => {
  const bad = recap();
  bad.hardest!.permalink = 'javascript:alert(1)|x>';
  expect(JSON.stringify(recapMessage(bad).blocks)).not.toContain('javascript');
  const many = Array.from({ length: RECAP_LIST_MAX + 3 }, (_, i) => q(`Question ${i}`, 'intermediate', [0, 0, 1, 0]));
  const text = JSON.stringify(recapMessage(recap({ questions: many, hardest: null, streaks: [], cleared: 0 })).blocks);
  expect(text).toContain('…and 3 more');
  expect(text).not.toContain(`Question ${RECAP_LIST_MAX}`);
  expect(text).toContain('Hardest this week:* none');
  expect(text).toContain('none running yet');
  expect(text).toContain('none this week');
});
