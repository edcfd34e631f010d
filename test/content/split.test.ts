import { codePointLength, splitMrkdwn } from '../../src/content/mrkdwn-split';
import { markdownToMrkdwn } from '../../src/content/mrkdwn';

const fences = (chunk: string) => chunk.split('```').length - 1;
/** Everything but whitespace and the fences the splitter adds, to check that nothing was lost or reordered. */
const essence = (text: string) => text.replace(/```/g, '').replace(/\s+/g, '');

function expectValidChunks(chunks: string[], source: string, max: number) {
  expect(chunks.length).toBeGreaterThan(1);
  for (const chunk of chunks) {
    expect(codePointLength(chunk)).toBeLessThanOrEqual(max);
    expect(fences(chunk) % 2).toBe(0);
    expect(chunk.trim()).not.toBe('');
    expect(chunk).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    expect(chunk).not.toMatch(/&(?:a|am|l|g)?$|^(?:mp|p|t)?;/);
  }
  expect(essence(chunks.join('\n'))).toBe(essence(source));
}

describe('splitMrkdwn', () => {
  test('text that fits is returned unchanged; empty text gives no chunks', () => {
    expect(splitMrkdwn('short *text*\n\nwith lines  ')).toEqual(['short *text*\n\nwith lines  ']);
    expect(splitMrkdwn('')).toEqual([]);
    expect(splitMrkdwn(' \n\n ')).toEqual([]);
    const exact = '🟢'.repeat(3000);
    expect(splitMrkdwn(exact)).toEqual([exact]); // 3000 code points, 6000 UTF-16 units
  });

  test('a long answer with a big code block splits within 3000, fences balanced', () => {
    const paragraph = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word}${i} 🟢 & <x>`).join(' ');
    const code = Array.from({ length: 300 }, (_, i) => `echo "step ${i}" && ls <dir> # ${'x'.repeat(i % 40)}`).join('\n');
    const md = [
      `Intro ${paragraph(60, 'alpha')}`,
      '*   **first** point',
      '*   second point',
      '```bash',
      code,
      '```',
      paragraph(700, 'beta'),
      '💡 **Interview Tip:**',
      paragraph(30, 'gamma'),
    ].join('\n\n');
    const mrkdwn = markdownToMrkdwn(md);
    expect(codePointLength(mrkdwn)).toBeGreaterThan(3 * 3000);
    const chunks = splitMrkdwn(mrkdwn);
    expectValidChunks(chunks, mrkdwn, 3000);
    // The code block was split across chunks: each piece is closed and reopened.
    const codeChunks = chunks.filter((c) => c.includes('echo "step'));
    expect(codeChunks.length).toBeGreaterThan(1);
    for (const c of codeChunks) expect(fences(c)).toBeGreaterThanOrEqual(2);
    // Paragraph boundaries are preferred: the first chunk ends at the end of a paragraph.
    expect(chunks[0].endsWith('• second point')).toBe(true);
  });

  test.each([3000, 500, 120, 40, 16])('random mixed text respects max = %i', (max) => {
    let seed = max;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const words = ['word', '🧠', '👩‍💻', 'é', '&amp;', '&lt;tag&gt;', '<https://example.com/a b|link text>', '*bold*', 'x'.repeat(70)];
    const parts: string[] = [];
    for (let i = 0; i < 400; i++) {
      const r = rnd();
      if (r < 0.05) parts.push('\n\n```\n' + Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => words[Math.floor(rnd() * words.length)]).join('\n') + '\n```\n\n');
      else if (r < 0.15) parts.push('\n');
      else if (r < 0.2) parts.push('\n\n');
      else parts.push(words[Math.floor(rnd() * words.length)] + ' ');
    }
    const text = parts.join('');
    expectValidChunks(splitMrkdwn(text, max), text, max);
  });

  test('splits at lines, then words, then code points', () => {
    expect(splitMrkdwn('aaaa bbbb\n\ncccc dddd\neeee', 20)).toEqual(['aaaa bbbb', 'cccc dddd\neeee']);
    expect(splitMrkdwn('aaaa bbbb cccc\ndddd eeee ffff', 16)).toEqual(['aaaa bbbb cccc', 'dddd eeee ffff']);
    expect(splitMrkdwn('aaaa bbbb cccc dddd eeee', 16)).toEqual(['aaaa bbbb cccc', 'dddd eeee']);
    expect(splitMrkdwn('x'.repeat(25), 16)).toEqual(['x'.repeat(16), 'x'.repeat(9)]);
  });

  test('never cuts a surrogate pair, an emoji sequence or an escape', () => {
    expect(splitMrkdwn('🟢'.repeat(20), 16)).toEqual(['🟢'.repeat(16), '🟢'.repeat(4)]);
    expect(splitMrkdwn('👩‍💻'.repeat(10), 16)).toEqual(['👩‍💻'.repeat(5), '👩‍💻'.repeat(5)]);
    expect(splitMrkdwn('x'.repeat(14) + '&amp;' + 'y', 16)).toEqual(['x'.repeat(14), '&amp;y']);
  });

  test('a quoted line keeps its quote marker when split at words', () => {
    expect(splitMrkdwn('> one two three four five six', 16)).toEqual(['> one two three', '> four five six']);
  });

  test('an oversized code block is closed and reopened', () => {
    const block = '```\n' + Array.from({ length: 6 }, (_, i) => `line ${i}`).join('\n') + '\n```';
    expect(splitMrkdwn(block, 24)).toEqual(['```\nline 0\nline 1\n```', '```\nline 2\nline 3\n```', '```\nline 4\nline 5\n```']);
  });

  test('rejects a max that cannot hold a code block', () => {
    expect(() => splitMrkdwn('text', 15)).toThrow(RangeError);
    expect(() => splitMrkdwn('text', 20.5)).toThrow(RangeError);
  });
});
