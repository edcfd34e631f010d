import fs from 'node:fs';
import path from 'node:path';
import { validateBlocks } from '../../dev/local-slack/blocks';
import type { SlackMessage } from '../../src/views/blocks';
import { blocksChars } from '../../src/views/budget';
import {
  answerKeyMessage,
  interviewExpiredMessage,
  interviewParentMessage,
  interviewQuestionMessage,
} from '../../src/views/interview-message';
import { interviewAnswersMessages, interviewSummaryMessage } from '../../src/views/interview-summary';
import { summarize } from '../../src/interview/summary';
import type { Rating } from '../../src/model/interviews';
import { makeInterview, makeQuestion } from './fixtures';

/** What Slack would accept, and under the ~10 k characters of blocks that Slack takes without trouble. */
function expectSendable(message: SlackMessage): void {
  const result = validateBlocks(message.blocks, { maxBlocks: 50, surface: 'message', maxTotalTextChars: 12_000 });
  expect(result.messages).toEqual([]);
  expect(result.ok).toBe(true);
  expect(blocksChars(message.blocks)).toBeLessThan(10_000);
  expect(message.text.length).toBeGreaterThan(10);
}

const long = (n: number) => makeQuestion(n, {
  title: `${'Very long question title '.repeat(12)}${n}?`,
  prompt: 'Think '.repeat(100),
  parts: [
    { label: null, markdown: 'word '.repeat(1200) },
    ...Array.from({ length: 12 }, (_, i) => ({ label: `Interview Tip ${i}`, markdown: `tip ${i} `.repeat(300) })),
  ],
});

test('every interview message stays within Block Kit limits, even with ten long answers', () => {
  const questions = Array.from({ length: 10 }, (_, i) => long(i));
  const ratings: Rating[] = [0, 1, 2, 3, 'skip', 0, 1, 2, 3, 0];
  const iv = makeInterview({
    count: 10,
    requested: 10,
    level: 'advanced',
    topics: ['kubernetes', 'ci/cd', 'observability', 'security', 'terraform', 'docker', 'git', 'linux', 'networking', 'design'],
    slots: questions.map((q, i) => ({ index: i, questionId: q.id, ts: `1.${i}`, claimedAt: 0, rating: ratings[i] })),
  });
  for (const status of ['pending', 'running', 'ended', 'cancelled', 'expired'] as const) expectSendable(interviewParentMessage({ ...iv, status }, { overall: 2 }));
  for (const q of questions) {
    expectSendable(interviewQuestionMessage(iv, 9, q));
    expectSendable(interviewQuestionMessage(iv, 9, q, { rating: 'skip', by: 'UALICE01' }));
    expectSendable(interviewQuestionMessage(iv, 9, q, { closed: 'expired' }));
    const key = answerKeyMessage(iv, 9, q);
    expectSendable(key);
    expect(JSON.stringify(key.blocks)).toContain('longer than one Slack message');
  }
  const summary = summarize(questions.map((q, i) => ({ index: i, question: q, rating: ratings[i] })));
  expectSendable(interviewSummaryMessage(iv, summary));
  expectSendable(interviewSummaryMessage(iv, summary, { swappedBy: 'UBOB0002' }));
  const answers = interviewAnswersMessages(iv, summary);
  expect(answers.length).toBeGreaterThanOrEqual(10);
  answers.forEach(expectSendable);
  expectSendable(interviewExpiredMessage(iv));
});

test('short answers share one message; every question appears once, in order', () => {
  const questions = [1, 2, 3].map((n) => makeQuestion(n));
  const iv = makeInterview({ slots: questions.map((q, i) => ({ index: i, questionId: q.id, ts: `1.${i}`, claimedAt: 0, rating: 2 })) });
  const answers = interviewAnswersMessages(iv, summarize(questions.map((q, i) => ({ index: i, question: q, rating: 2 }))));
  expect(answers).toHaveLength(1);
  const text = JSON.stringify(answers[0].blocks);
  expect(text.indexOf('Answer 1.')).toBeLessThan(text.indexOf('Answer 2.'));
  expect(text.indexOf('Answer 2.')).toBeLessThan(text.indexOf('Answer 3.'));
});

test('what people typed and what the bank says is escaped', () => {
  const iv = makeInterview({ status: 'pending', topics: ['<!channel>', 'a&b', '<https://evil|x>'] });
  const parent = JSON.stringify(interviewParentMessage(iv));
  expect(JSON.stringify(answerKeyMessage(iv, 0, makeQuestion(1, { title: '<!here>' })))).not.toContain('<!here>');
  expect(parent).not.toContain('<!channel>');
  expect(parent).toContain('&lt;!channel&gt;');
  expect(parent).toContain('a&amp;b');
  expect(parent).not.toContain('<https://evil');

  const hostile = makeQuestion(1, { title: 'Why <!here> & <@U123>?', category: '<!everyone>', prompt: '<#C1>' });
  const q = JSON.stringify(interviewQuestionMessage(iv, 0, hostile));
  expect(q).not.toMatch(/<!here>|<!everyone>|<@U123>|<#C1>/);
  const summary = JSON.stringify(interviewSummaryMessage(iv, summarize([{ index: 0, question: hostile, rating: 0 }])).blocks);
  expect(summary).not.toMatch(/<!here>|<!everyone>|<@U123>/);
});

test('the question on the table has the interviewer controls; a done one has none and never the answer', () => {
  const q = makeQuestion(1);
  const iv = makeInterview();
  const open = JSON.stringify(interviewQuestionMessage(iv, 0, q));
  for (const id of ['interview_rate_0', 'interview_rate_1', 'interview_rate_2', 'interview_rate_3', 'interview_answer_key', 'interview_skip', 'interview_end']) {
    expect(open).toContain(id);
  }
  expect(open).toContain('abc123def456|0|2');
  expect(open).not.toContain('Answer 1.');
  const done = JSON.stringify(interviewQuestionMessage(iv, 0, q, { rating: 2, by: 'UALICE01' }));
  expect(done).not.toContain('"actions"');
  expect(done).toContain('Rated 🟡 Intermediate by <@UALICE01>');
});

test("README's mock interview shows the rating buttons in the order the bot posts them", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Mock interviews'));
  const line = section.split('\n').find((l) => l.includes('Beginner ]'))!;
  const inReadme = [...line.matchAll(/\[ ([^\]]+?) \]/g)].map((m) => m[1]);
  const posted = interviewQuestionMessage(makeInterview(), 0, makeQuestion(1)).blocks.find((b) => b.type === 'actions') as { elements: Array<{ text: { text: string } }> };
  expect(inReadme).toEqual(posted.elements.map((e) => e.text.text));
});
