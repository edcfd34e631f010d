/**
 * Pack text becomes Slack mrkdwn. Whatever a pack says, the output must not be able to mention (`<!channel>`,
 * `<@U…>`, `<!subteam^…>`), link to a channel (`<#C…>`) or form any other `<…>` control sequence, except the
 * http(s)/mailto links the converter builds itself.
 */
import fc from 'fast-check';
import { escapeMrkdwn, markdownToMrkdwn } from '../../src/content/mrkdwn';
import { freeText, hostileText, PROPERTY_OPTIONS } from './arbitraries';
import { expectInertMrkdwn } from './inert';

/** Markdown-ish documents: headings, lists, quotes, fences, tables, links, HTML and entities around hostile text. */
const markdownLine = fc.oneof(
  freeText(12),
  hostileText,
  fc.tuple(fc.constantFrom('# ', '## ', '###### ', '- ', '* ', '+ ', '1. ', '2) ', '> ', '> > ', '    ', '\t', '  - ', '| ', '|---|---|', '```', '```bash', '~~~', '---', '***', '<!-- ', ' -->', '<br>'), freeText(8)).map(([a, b]) => a + b),
  fc.tuple(freeText(4), fc.webUrl(), freeText(4)).map(([a, url, b]) => `${a}[${b}](${url}) <${url}> ${b}`),
  fc.tuple(fc.constantFrom('[x](', '[<!channel>](', '[*b*](', '![img]('), fc.constantFrom('https://a.example/<!channel>', 'https://a.example/a|<!here>', 'javascript:alert(1)', 'mailto:x@y.z', 'https://a.example/x y', 'https://a.example/(x)', '<https://a.example>'), fc.constantFrom(')', ' "t")', '')).map(([a, b, c]) => a + b + c),
);
const markdownDoc = fc.array(markdownLine, { maxLength: 20 }).map((lines) => lines.join('\n'));

describe('mrkdwn from hostile pack text', () => {
  test('escapeMrkdwn leaves no control characters and round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const out = escapeMrkdwn(text);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
        expect(out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(text);
      }),
      PROPERTY_OPTIONS,
    );
  });

  test('markdownToMrkdwn never throws and forms no <!…>, <@…>, <#…> from text', () => {
    fc.assert(
      fc.property(markdownDoc, (md) => {
        expectInertMrkdwn(markdownToMrkdwn(md));
      }),
      PROPERTY_OPTIONS,
    );
  });

  test('arbitrary strings, binary and unicode', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 })), (md) => {
        expectInertMrkdwn(markdownToMrkdwn(md));
      }),
      PROPERTY_OPTIONS,
    );
  });

  test('deep nesting and huge lines neither overflow the stack nor take long', () => {
    const shapes = {
      quotes: '>'.repeat(20_000) + ' <!channel>',
      quoteStairs: Array.from({ length: 300 }, (_, i) => '>'.repeat(i + 1) + ' x').join('\n'),
      links: '['.repeat(20_000) + '<!here>' + '](https://a.example)'.repeat(20_000),
      emphasis: '*_'.repeat(20_000) + '<@U1>' + '_*'.repeat(20_000),
      strong: '**a '.repeat(20_000) + 'x' + ' a**'.repeat(20_000),
      openers: '*a '.repeat(30_000),
      brackets: '['.repeat(100_000),
      backticks: '` `` '.repeat(20_000),
    };
    for (const [name, md] of Object.entries(shapes)) {
      const started = Date.now();
      const out = markdownToMrkdwn(md);
      expectInertMrkdwn(out);
      expect({ name, ms: Date.now() - started < 3000 }).toEqual({ name, ms: true });
    }
  });

  test('known nasty shapes', () => {
    const cases = [
      '<!channel> <!here> <!everyone> <@U123> <#C1|x> <!subteam^S1|@devs>',
      '[<!channel>](https://x.example) [x](https://x.example/|<!here>) [x](<https://x.example/>)',
      '&lt;!channel&gt; &#60;!here&#62; &#x3C;@U1&#x3E; &amp;lt;',
      '`<!channel>` ``<@U1>`` ```<!here>```',
      '```\n<!channel>\n```',
      '    <!channel> indented code',
      '| <!here> | x |\n|---|---|\n| <@U1> | y |',
      '> <!channel>\n> > <@U1>',
      '- <!channel>\n  - <#C1>',
      '# <!channel> heading',
      '<https://x.example|<!channel>>',
      '<mailto:<!here>>',
      '<br><!channel><br/>',
      '> [Kubernetes <br> ! ](http://a.example) <http://a.example> x',
      '**<!channel>** _<@U1>_ ~~<#C1>~~',
      '\\<!channel\\>',
      '<http://a.example/\u0000<!channel>>',
    ];
    for (const md of cases) expectInertMrkdwn(markdownToMrkdwn(md));
  });
});
