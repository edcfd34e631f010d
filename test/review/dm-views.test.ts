/**
 * The review DM as Slack would take it: five cards of very long, hostile bank text stay inside one message's
 * limits, nothing pings or links, each card's buttons name their card, and the rating line shows the next date.
 */
import { validateBlocks } from '../../dev/local-slack';
import type { DmCardView } from '../../src/model/review-dms';
import { blocksChars, MESSAGE_BLOCK_BUDGET, MESSAGE_CHAR_BUDGET } from '../../src/views/budget';
import { parseReviewRate, parseReviewReveal } from '../../src/views/actions';
import { reviewAnswerMessage, reviewDmMessage } from '../../src/views/review-message';
import { makeQuestion } from '../interview/fixtures';

const SLACK_LIMITS = { maxBlocks: 50, surface: 'message', maxTotalTextChars: 12_000 } as const;
const hostile = '<!channel> <@U123> <https://evil.example|click> & *bold* ';

/** Every mrkdwn string of a message (the fallback text included): what Slack parses for mentions and links. */
function mrkdwn(message: { text: string; blocks: unknown[] }): string {
  const out = [message.text];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return out.join('\n');
}

function card(i: number, over: Partial<DmCardView> = {}): DmCardView {
  return { question: makeQuestion(i, { title: hostile.repeat(200), prompt: hostile.repeat(100), packTitle: hostile, category: hostile }), revealed: false, rating: null, ...over };
}

test('five cards of the longest bank text fit one message, escaped, each with its own buttons', () => {
  const message = reviewDmMessage([0, 1, 2, 3, 4].map((i) => card(i)), 'Europe/Berlin');
  expect(message.blocks.length).toBeLessThanOrEqual(MESSAGE_BLOCK_BUDGET);
  expect(blocksChars(message.blocks)).toBeLessThanOrEqual(MESSAGE_CHAR_BUDGET);
  expect(validateBlocks(message.blocks, SLACK_LIMITS)).toMatchObject({ ok: true });
  const all = mrkdwn(message);
  expect(all).not.toContain('<!channel>');
  expect(all).not.toContain('<@U123>');
  expect(all).not.toContain('<https://');
  const buttons = message.blocks.flatMap((b) => ((b as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? []).filter((e) => e.action_id));
  expect(buttons).toHaveLength(5 * 5);
  expect(new Set(buttons.map((b) => b.action_id)).size).toBe(25);
  for (const b of buttons) {
    const parsed = b.action_id!.startsWith('review_reveal_') ? parseReviewReveal(b.action_id!, b.value) : parseReviewRate(b.action_id!, b.value);
    expect(parsed).not.toBeNull();
  }
});

test('a revealed card points to the thread, a rated one shows its next date in the person\'s zone, a cleared one says so', () => {
  const next = Date.parse('2026-03-05T23:30:00Z');
  const message = reviewDmMessage(
    [card(1, { revealed: true, rating: { score: 2, next } }), card(2, { rating: { score: 3, next: null } }), { question: null, revealed: false, rating: null }],
    'Asia/Tokyo',
  );
  const text = JSON.stringify(message.blocks);
  expect(text).not.toContain('review_reveal_0');
  expect(text).toContain('The answer is in the thread');
  // 23:30 UTC on the 5th is the 6th in Tokyo.
  expect(text).toContain('next review *Fri 6 Mar*');
  expect(text).toContain('this card is cleared and will not come back');
  expect(text).toContain('no longer in the bank');
  expect(text).not.toContain('review_rate_2_');
});

test('the answer in the thread fits one message and asks for the rating on the review', () => {
  const q = makeQuestion(1, { title: hostile, parts: [{ label: null, markdown: 'x '.repeat(20_000) }] });
  const answer = reviewAnswerMessage(q);
  expect(blocksChars(answer.blocks)).toBeLessThanOrEqual(MESSAGE_CHAR_BUDGET);
  expect(validateBlocks(answer.blocks, SLACK_LIMITS)).toMatchObject({ ok: true });
  expect(mrkdwn(answer)).not.toContain('<!channel>');
  expect(JSON.stringify(answer.blocks)).toContain('Rate it on the review above');
});
