/**
 * The playground in a real browser (test/support/playground-browser.ts: headless Chromium against the real
 * zero-config start, `src/index.ts` with no Slack environment, as `npm start` runs it). It plays one round as a
 * team would (ask, reveal, open the thread, two people pick their levels, the leaderboard), checks what the page
 * shows at each step, and saves the README's screenshot to docs/playground.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkEmojiFont, expectText, runInBrowser as run, send, startBrowserPlayground, STEP_MS, switchTo, type BrowserPlayground } from '../support/playground-browser';

const ROOT = path.resolve(__dirname, '../..');
// The README's screenshot is refreshed on request (UPDATE_SCREENSHOT=1 npx jest test/playground/browser.test.ts);
// ordinary runs write theirs to a temporary folder, so a test run leaves the work tree as it was.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT ? path.join(ROOT, 'docs/playground.png') : path.join(os.tmpdir(), 'devops-quiz-playground.png');

jest.setTimeout(120_000);

let playground: BrowserPlayground | null = null;
afterAll(async () => {
  await playground?.stop();
});

run('one round in the browser: ask, reveal, open the thread, two people answer, leaderboard; screenshot', async () => {
  playground = await startBrowserPlayground();
  const { url, output } = playground;
  expect(output.join('\n')).toContain('No Slack tokens set: DevOps Quiz runs in a local playground workspace (#devops-practice, alice, bob, carol).');

  const { page, errors } = await playground.newPage();
  await page.goto(`${url}/?as=alice`);
  await checkEmojiFont(page);

  // An empty #devops-practice, as alice, with live updates connected.
  await page.locator('#user-switch button[data-name="alice"][aria-checked="true"]').waitFor({ timeout: STEP_MS });
  await expectText(page.locator('#messages .empty-note'), 'This is the very beginning of #devops-practice');
  await expect(page.locator('#channel-title').textContent()).resolves.toBe('# devops-practice');
  await page.locator('#live.on').waitFor({ timeout: STEP_MS });

  // 1. /devops-quiz: the question appears without a reload, rendered from its Block Kit.
  await send(page, '/devops-quiz');
  const question = page.locator('#messages .msg[data-kind="message"]').first();
  await question.locator('button.bk-btn-primary', { hasText: '👀 Reveal answer' }).waitFor({ timeout: STEP_MS });
  await expect(question.locator('.author').textContent()).resolves.toBe('DevOps Quiz');
  const questionText = await question.locator('.msg-body').innerText();
  expect(questionText).toMatch(/❓ DevOps interview question\s+·\s+(🟢 Beginner|🟡 Intermediate|🔴 Advanced)/);
  expect(questionText).toContain('🧠');
  expect(questionText).toMatch(/asked by @alice/);
  const title = (await question.locator('.bk-section b').first().innerText()).trim();
  expect(title.length).toBeGreaterThan(10);
  await expect(question.locator('.mk-mention').first().textContent()).resolves.toBe('@alice');

  // 2. Reveal answer: the question says who revealed it and gets a thread.
  await question.locator('button', { hasText: 'Reveal answer' }).click();
  await expectText(question, /Answer revealed by @alice: it is in the thread below/);
  await expect(question.locator('button', { hasText: 'Reveal answer' }).count()).resolves.toBe(0);
  const replies = question.locator('button.replies');
  await expectText(replies, '1 reply');

  // 3. The thread opens beside the channel with the answer and the level buttons.
  await replies.click();
  const thread = page.locator('#thread');
  await thread.locator('.msg').nth(1).waitFor({ timeout: STEP_MS });
  expect(await thread.isVisible()).toBe(true);
  const answer = thread.locator('.msg[data-kind="message"]').nth(1);
  await expectText(answer, `Answer: ${title}`);
  await expectText(answer, 'How well did you know this?');
  const levelButtons = await answer.locator('.bk-actions button.bk-btn').allInnerTexts();
  expect(levelButtons.map((t) => t.trim())).toEqual(['🟢 Beginner', '🟡 Intermediate', '🔴 Advanced', '📚 Not yet']);
  await expectText(answer, 'Nobody has answered yet');

  // 4. alice picks Intermediate; her confirmation is hers alone.
  await answer.locator('button', { hasText: '🟡 Intermediate' }).click();
  const aliceNote = thread.locator('.msg.ephemeral', { hasText: 'Recorded: Intermediate' });
  await aliceNote.waitFor({ timeout: STEP_MS });
  await expectText(aliceNote, 'Only visible to you');

  // 5. Switch to bob: alice's private note is gone from view; bob picks Advanced.
  await switchTo(page, 'bob');
  await thread.locator('.msg[data-kind="message"]').nth(1).waitFor({ timeout: STEP_MS });
  await expect(thread.locator('.msg.ephemeral', { hasText: 'Recorded: Intermediate' }).count()).resolves.toBe(0);
  await thread.locator('.msg[data-kind="message"]').nth(1).locator('button', { hasText: '🔴 Advanced' }).click();
  await thread.locator('.msg.ephemeral', { hasText: 'Recorded: Advanced' }).waitFor({ timeout: STEP_MS });
  await expectText(thread.locator('.msg[data-kind="message"]').nth(1).locator('.bk-context'), /🟢 0\s+·\s+🟡 1\s+·\s+🔴 1\s+·\s+📚 0\s+·\s+2 answers/);

  // bob says something in the thread: @alice becomes a mention.
  await thread.locator('#thread-input').fill('Good one @alice, I knew this from on-call');
  await thread.locator('#thread-input').press('Enter');
  const said = thread.locator('.msg[data-author="bob"]');
  await said.waitFor({ timeout: STEP_MS });
  await expect(said.locator('.mk-mention').textContent()).resolves.toBe('@alice');

  // 6. /devops-quiz leaderboard as bob: his private board, bob first with 3 points, alice second with 2.
  await send(page, '/devops-quiz leaderboard');
  const board = page.locator('#messages .msg.ephemeral', { hasText: 'Leaderboard, all time' });
  await board.waitFor({ timeout: STEP_MS });
  const boardText = await board.locator('.msg-body').innerText();
  expect(boardText).toMatch(/🥇 @bob\s+3 points\s+·\s+1 answered/);
  expect(boardText).toMatch(/🥈 @alice\s+2 points\s+·\s+1 answered/);
  await expectText(board, 'Only visible to you');

  // alice does not see bob's board.
  await switchTo(page, 'alice');
  await expect(page.locator('#messages .msg.ephemeral', { hasText: 'Leaderboard' }).count()).resolves.toBe(0);

  // Back to bob for the picture: channel, his board, and the thread open beside it.
  await switchTo(page, 'bob');
  await board.waitFor({ timeout: STEP_MS });
  await page.locator('#composer-status').evaluate((el) => (el.textContent = ''));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1500); // let the new-message highlight fade
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  expect(errors).toEqual([]);
});
