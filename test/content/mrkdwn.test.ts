import * as path from 'path';
import { escapeMrkdwn, markdownToMrkdwn } from '../../src/content/mrkdwn';
import { loadBank } from '../../src/content/bank';
import { lines, PROJECT_ROOT } from './helpers';

const ZWSP = '\u200B';

describe('escapeMrkdwn', () => {
  test('escapes exactly & < >', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('<!channel> <@U123> <#C1|x>')).toBe('&lt;!channel&gt; &lt;@U123&gt; &lt;#C1|x&gt;');
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
    expect(escapeMrkdwn(`*_~\`"'|:😀`)).toBe(`*_~\`"'|:😀`);
  });
});

describe('markdownToMrkdwn', () => {
  test.each([
    ['**bold**', '*bold*'],
    ['__bold__', '*bold*'],
    ['*italic*', '_italic_'],
    ['_italic_', '_italic_'],
    ['***both***', '*_both_*'],
    ['~~gone~~', '~gone~'],
    ['**a *b* c**', '*a _b_ c*'],
    ['*a **b** c*', '_a *b* c_'],
    ['`code`', '`code`'],
    ['`a <b> & c`', '`a &lt;b&gt; &amp; c`'],
    ['`` a ` b ``', '`a ` b`'],
    ['`**not bold**`', '`**not bold**`'],
    ['snake_case_name and 5 * 3 * 2', 'snake_case_name and 5 * 3 * 2'],
    ['\\*not italic\\*', '*not italic*'],
    ['an unclosed **bold', 'an unclosed **bold'],
    ['x**y**z', `x${ZWSP}*y*${ZWSP}z`],
    ['[docs](https://example.com/a?b=1&c=2)', '<https://example.com/a?b=1&amp;c=2|docs>'],
    ['[**bold** link](https://x.io)', '<https://x.io|bold link>'],
    ['[a](https://x.io/a|b "title")', '<https://x.io/a%7Cb|a>'],
    ['[wiki](https://en.wikipedia.org/wiki/Foo_(bar))', '<https://en.wikipedia.org/wiki/Foo_(bar)|wiki>'],
    ['[relative](./other.md)', 'relative'],
    ['[bad](javascript:alert(1))', 'bad'],
    ['![diagram](https://x.io/d.png)', '<https://x.io/d.png|diagram>'],
    ['<https://x.io>', '<https://x.io>'],
    ['line<br>break', 'line\nbreak'],
    ['AT&T 3 < 4 > 2', 'AT&amp;T 3 &lt; 4 &gt; 2'],
    ['&lt;b&gt; &amp; &#8594; &#x1F7E2; &bogus;', '&lt;b&gt; &amp; → 🟢 &amp;bogus;'],
    ['`&lt;kept&gt;`', '`&amp;lt;kept&amp;gt;`'],
  ])('%s', (md, expected) => {
    expect(markdownToMrkdwn(md)).toBe(expected);
  });

  test('text from a pack can never mention or ping', () => {
    const out = markdownToMrkdwn('<!channel> <!here> <@U123> **<!everyone>** [x](<!channel>) `<!here>`\n\n```\n<!channel>\n```');
    expect(out).not.toMatch(/<[!@#]/);
    expect(out).toContain('&lt;!channel&gt;');
  });

  test('headings become bold lines', () => {
    expect(markdownToMrkdwn('# Title\n## Sub **bold** `x` ##\n###### Small')).toBe('*Title*\n*Sub bold x*\n*Small*');
  });

  test('bulleted and numbered lists, nested, with continuation lines', () => {
    const md = lines('*   **Source**: where code lives', '*   Build', '    - nested *one*', '    + nested two', '- back', '', '1.  first', '1.  second', '    more about it', '7) seventh?');
    expect(markdownToMrkdwn(md)).toBe(
      lines('• *Source*: where code lives', '• Build', '    • nested _one_', '    • nested two', '• back', '', '1. first', '2. second', '   more about it', '3. seventh?'),
    );
  });

  test('a numbered list that starts elsewhere keeps its start', () => {
    expect(markdownToMrkdwn('3. three\n4. four')).toBe('3. three\n4. four');
  });

  test('fenced code is kept verbatim (escaped), language tag dropped, fence indentation removed', () => {
    const md = lines('Run:', '', '```bash', '# comment, not a heading', 'echo "a && b" > out.txt', '  **not bold**', '```', '', '1. step', '', '    ~~~yaml', '    key: <value>', '    ~~~');
    expect(markdownToMrkdwn(md)).toBe(
      lines('Run:', '', '```', '# comment, not a heading', 'echo "a &amp;&amp; b" &gt; out.txt', '  **not bold**', '```', '', '1. step', '', '```', 'key: &lt;value&gt;', '```'),
    );
  });

  test('indented code blocks, quotes, rules and tables', () => {
    expect(markdownToMrkdwn('Text\n\n    code line\n\nAfter')).toBe('Text\n\n```\ncode line\n```\n\nAfter');
    expect(markdownToMrkdwn('> quoted **bold**\n> second')).toBe('> quoted *bold*\n> second');
    expect(markdownToMrkdwn('a\n\n---\n\nb')).toBe('a\n\n──────────\n\nb');
    expect(markdownToMrkdwn('| a | b |\n|---|:-:|\n| 1 | <2> |')).toBe('```\n| a | b |\n| 1 | &lt;2&gt; |\n```');
  });

  test('line breaks are kept and blank runs shrink to one', () => {
    expect(markdownToMrkdwn('one\ntwo  \nthree\\\n\n\n\nfour\r\n')).toBe('one\ntwo\nthree\n\nfour');
  });

  test('every answer in content/ converts without stray control characters', () => {
    const bank = loadBank(path.join(PROJECT_ROOT, 'content'));
    expect(bank.questions.length).toBeGreaterThan(0);
    for (const q of bank.questions) {
      const out = markdownToMrkdwn(q.answer);
      // Every "<" left is a link we wrote; every "&" starts an escape.
      for (const m of out.matchAll(/<[^>]*>/g)) expect(m[0]).toMatch(/^<(https?:\/\/|mailto:)[^<>|]*(\|[^<>]*)?>$/);
      expect(out.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/&/);
      const prose = out.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, 'code');
      expect(prose).not.toMatch(/\*\*/); // no Markdown bold left outside code
      expect(out.split('```').length % 2).toBe(1);
    }
  });
});
