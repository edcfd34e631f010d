/**
 * The learning loop in the playground, in a real browser, with no Slack and no waiting: an answer of Not yet makes
 * a review card and brings the offer of reviews by DM; yes; ⏩ Next day until the review is due (a weekend may take
 * a few); the DM appears under Direct messages; reveal its answer, rate it, and the DM shows the next review's date.
 * The Home tab shows what the bot published for this pretend user.
 */
import { checkEmojiFont, expectText, runInBrowser as run, send, startBrowserPlayground, STEP_MS, type BrowserPlayground } from '../support/playground-browser';

jest.setTimeout(150_000);

let playground: BrowserPlayground | null = null;

/** `Thu 3 Dec` as a day count, this year (a date of `near` in the next January is taken as next year's). */
function dayNumber(label: string, near?: string): number {
  const year = new Date().getFullYear();
  const at = (text: string, y: number) => Math.round(Date.parse(`${text} ${y} 12:00 UTC`) / 86_400_000);
  const days = at(label, year);
  return near && at(near, year) < days - 180 ? days - 365 : days;
}
afterAll(async () => {
  await playground?.stop();
});

run('Not yet → offer → yes → ⏩ Next day → the review DM → reveal → rate → next review date; Home', async () => {
  playground = await startBrowserPlayground();
  const { page, errors } = await playground.newPage();
  await page.goto(`${playground.url}/?as=carol`);
  await checkEmojiFont(page);
  await page.locator('#live.on').waitFor({ timeout: STEP_MS });
  await expectText(page.locator('#dm-link'), 'DevOps Quiz');
  await expect(page.locator('#dm-count').isVisible()).resolves.toBe(false);

  // A question, revealed; carol did not know it.
  await send(page, '/devops-quiz');
  const question = page.locator('#messages .msg[data-kind="message"]', { hasText: 'asked by @carol' }).first();
  await question.locator('button', { hasText: 'Reveal answer' }).click();
  await question.locator('button.replies').click();
  const thread = page.locator('#thread');
  const answer = thread.locator('.msg[data-kind="message"]').nth(1);
  await answer.locator('button', { hasText: '📚 Not yet' }).click();
  await thread.locator('.msg.ephemeral', { hasText: 'Recorded: Not yet' }).waitFor({ timeout: STEP_MS });

  // The offer, to her alone, before any DM: yes.
  const offer = thread.locator('.msg.ephemeral', { hasText: 'Want this back in a few days, by DM?' });
  await offer.waitFor({ timeout: STEP_MS });
  await offer.locator('button', { hasText: 'Yes, review by DM' }).click();
  await expectText(page.locator('.msg.ephemeral'), 'Reviews by DM are on');

  // ⏩ Next day until her review comes (a Not yet is due the next day; weekends have no DM).
  const nextDay = page.locator('#next-day');
  let days = 0;
  while (!(await page.locator('#dm-count').isVisible())) {
    expect(days).toBeLessThan(7);
    await nextDay.click();
    days += 1;
    await expectText(page.locator('#composer-status'), new RegExp(`^Day \\+${days}: `));
    await expectText(page.locator('#clock-day'), `(day +${days})`);
    await page.locator('#dm-count').waitFor({ timeout: 1500 }).catch(() => undefined);
  }
  await expect(page.locator('#dm-count').textContent()).resolves.toBe('1');

  // The DM, under Direct messages: the question she marked, to reveal and rate.
  await page.locator('#dm-link').click();
  await expectText(page.locator('#channel-title'), 'DevOps Quiz');
  const dm = page.locator('#messages .msg[data-kind="message"]').first();
  await expectText(dm, 'Time to review a question');
  await dm.locator('button', { hasText: 'Reveal answer' }).click();
  await expectText(dm, 'The answer is in the thread');
  await dm.locator('button.replies').click();
  await expectText(thread.locator('.msg[data-kind="message"]').nth(1), 'Answer:');
  await dm.locator('button', { hasText: '🟢 Beginner' }).click();
  // Rated on the pretend day: the next review comes after it.
  const day = (await page.locator('#clock-day').innerText()).replace(/^Caught up to the end of (.+) \(day.*$/s, '$1');
  await expectText(dm, /You said Beginner · next review \w{3} \d{1,2} \w{3}/);
  const next = /next review (\w{3} \d{1,2} \w{3})/.exec(await dm.innerText())![1];
  expect(dayNumber(next)).toBeGreaterThan(dayNumber(day, next));

  // Home: the view the bot published for carol, drawn from its blocks.
  await page.locator('#tab-home').click();
  await page.locator('#home .bk-blocks').waitFor({ timeout: STEP_MS });
  await expectText(page.locator('#home'), 'Reviews by DM');
  expect(await page.locator('#composer').isVisible()).toBe(false);

  // Back to the channel: its messages, as before.
  await page.locator('#channel-link').click();
  await expectText(page.locator('#channel-title'), '# devops-practice');
  expect(await page.locator('#app-tabs').isVisible()).toBe(false); // Home and Messages belong to the app's DM
  await question.waitFor({ timeout: STEP_MS });
  expect(errors).toEqual([]);
});
