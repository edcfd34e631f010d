/**
 * The playground's Block Kit → HTML renderer: every block and element type the bot sends (header, section,
 * context, divider, actions with buttons), the mrkdwn it writes, and the bot's real views end to end.
 */
import { renderBlocks, renderElement, renderInline, renderMessage, renderMrkdwn, renderTextObject, UNSUPPORTED_CLASS, type RenderContext } from '../../dev/playground/render';
import { actions, button, context, divider, header, section, type SlackMessage } from '../../src/views/blocks';
import { questionMessage } from '../../src/views/question-message';
import { answerMessage } from '../../src/views/answer-message';
import { leaderboardMessage } from '../../src/views/leaderboard';
import { helpMessage } from '../../src/views/help';
import { commandProblemMessage } from '../../src/views/notices/command';
import { notice } from '../../src/views/notice';
import { statsMessage } from '../../src/views/stats';
import { scheduleMessage } from '../../src/views/schedule';
import { answerKeyMessage, interviewExpiredMessage, interviewParentMessage, interviewQuestionMessage } from '../../src/views/interview-message';
import { interviewAnswersMessages, interviewSummaryMessage } from '../../src/views/interview-summary';
import { summarize } from '../../src/interview/summary';
import { markdownToMrkdwn } from '../../src/content/mrkdwn';
import { makeInterview, makeQuestion } from '../interview/fixtures';

const ctx: RenderContext = {
  userName: (id) => ({ UALICE01: 'alice', UBOB0002: 'bob', UCAROL03: 'carol' } as Record<string, string>)[id],
  channelName: (id) => (id === 'C0PRACTICE' ? 'devops-practice' : undefined),
};

/** The visible text of some HTML (tags dropped, the five entities decoded). */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('blocks', () => {
  test('header: plain text, escaped, emoji as-is', () => {
    const html = renderBlocks([header('🎤 Mock interview <summary> & more')]);
    expect(html).toBe('<div class="bk bk-header">🎤 Mock interview &lt;summary&gt; &amp; more</div>');
  });

  test('section: mrkdwn text, with its block id', () => {
    const html = renderBlocks([{ ...section('*What is a Pod?*'), block_id: 'b1' }]);
    expect(html).toContain('class="bk bk-section" data-block-id="b1"');
    expect(html).toContain('<b>What is a Pod?</b>');
  });

  test('section: plain_text text, fields and a button accessory', () => {
    const html = renderBlocks([
      {
        type: 'section',
        block_id: 's1',
        text: { type: 'plain_text', text: 'Plain *not bold*\nsecond line' },
        fields: [
          { type: 'mrkdwn', text: '*Level*\n🟡 Intermediate' },
          { type: 'plain_text', text: 'Topic: k8s' },
        ],
        accessory: { type: 'button', text: { type: 'plain_text', text: 'Open' }, action_id: 'open_it', value: 'v' },
      },
    ]);
    expect(html).toContain('Plain *not bold*<br>second line');
    expect(html).toContain('<div class="bk-fields"><div class="bk-field"><div class="mk-ln"><b>Level</b></div><div class="mk-ln">🟡 Intermediate</div></div><div class="bk-field">Topic: k8s</div></div>');
    expect(html).toContain('<div class="bk-accessory"><button type="button" class="bk-btn" data-action-id="open_it" data-block-id="s1" data-value="v">Open</button></div>');
  });

  test('context: mrkdwn elements inline, images small', () => {
    const html = renderBlocks([
      { ...context('📅 *Question of the day*  ·  🟢 Beginner', 'asked by <@UALICE01>'), block_id: 'c1' },
      { type: 'context', elements: [{ type: 'image', image_url: 'https://example.com/a.png', alt_text: 'logo' }, { type: 'plain_text', text: 'plain' }] },
    ], ctx);
    expect(html).toContain('<div class="bk bk-context" data-block-id="c1"><span class="bk-context-el">📅 <b>Question of the day</b>  ·  🟢 Beginner</span><span class="bk-context-el">asked by <span class="mk-mention" data-user-id="UALICE01">@alice</span></span></div>');
    expect(html).toContain('<img class="bk-img-el" src="https://example.com/a.png" alt="logo">');
    expect(html).toContain('<span class="bk-context-el">plain</span>');
  });

  test('divider', () => {
    expect(renderBlocks([divider()])).toBe('<div class="bk bk-divider"><hr></div>');
  });

  test('actions: buttons with value, style, accessibility label and block id', () => {
    const html = renderBlocks([
      {
        ...actions(
          button('👀 Reveal answer', 'reveal_answer', 'k8s/pods', 'primary', 'Reveal the answer to: What is a Pod?'),
          button('✖️ Cancel', 'interview_cancel', 'abc123', 'danger'),
          button('📚 Not yet', 'record_level_0', '1700000000.000100|0'),
        ),
        block_id: 'a1',
      },
    ]);
    expect(html).toBe(
      '<div class="bk bk-actions" data-block-id="a1">' +
        '<button type="button" class="bk-btn bk-btn-primary" data-action-id="reveal_answer" data-block-id="a1" data-value="k8s/pods" aria-label="Reveal the answer to: What is a Pod?">👀 Reveal answer</button>' +
        '<button type="button" class="bk-btn bk-btn-danger" data-action-id="interview_cancel" data-block-id="a1" data-value="abc123">✖️ Cancel</button>' +
        '<button type="button" class="bk-btn" data-action-id="record_level_0" data-block-id="a1" data-value="1700000000.000100|0">📚 Not yet</button>' +
        '</div>',
    );
  });

  test('a link button becomes a link; a javascript: url does not', () => {
    const link = renderElement({ type: 'button', text: { type: 'plain_text', text: 'Docs' }, action_id: 'docs', url: 'https://kubernetes.io/docs/' }, 'b');
    expect(link).toMatch(/^<a class="bk-btn" data-action-id="docs" data-block-id="b" href="https:\/\/kubernetes.io\/docs\/" target="_blank" rel="noopener noreferrer">Docs<\/a>$/);
    const evil = renderElement({ type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'x', url: 'javascript:alert(1)' }, 'b');
    expect(evil).not.toContain('href');
    expect(evil).toMatch(/^<button/);
  });

  test('image block with title', () => {
    const html = renderBlocks([{ type: 'image', image_url: 'https://example.com/diagram.png', alt_text: 'a diagram', title: { type: 'plain_text', text: 'Architecture' } }]);
    expect(html).toContain('<figcaption>Architecture</figcaption><img src="https://example.com/diagram.png" alt="a diagram">');
  });

  test('unknown blocks and elements are marked, not dropped', () => {
    const html = renderBlocks([{ type: 'input', block_id: 'i' }, { type: 'actions', elements: [{ type: 'static_select', action_id: 's' }] }]);
    expect(html.match(new RegExp(UNSUPPORTED_CLASS, 'g'))).toHaveLength(2);
    expect(visible(html)).toContain('[block input is not shown here]');
    expect(visible(html)).toContain('[element static_select is not shown here]');
  });

  test('attribute values cannot break out of their quotes', () => {
    const html = renderElement({ type: 'button', text: { type: 'plain_text', text: '<b>"hi"</b>' }, action_id: 'a"><script>x</script>', value: `'" onclick="x` }, undefined);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('data-action-id="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('data-value="&#39;&quot; onclick=&quot;x"');
  });

  test('a message without blocks shows its text as mrkdwn', () => {
    expect(renderMessage({ text: 'Hello *team*' })).toBe('<div class="bk-blocks bk-text-only"><div class="mk-ln">Hello <b>team</b></div></div>');
    expect(renderMessage({ text: 'fallback', blocks: [divider()] })).toBe('<div class="bk-blocks"><div class="bk bk-divider"><hr></div></div>');
  });

  test('text objects: mrkdwn vs plain_text', () => {
    expect(renderTextObject({ type: 'mrkdwn', text: '_it_' })).toBe('<div class="mk-ln"><i>it</i></div>');
    expect(renderTextObject({ type: 'plain_text', text: '_it_ :wave:', emoji: true })).toBe('_it_ :wave:');
    expect(renderTextObject(undefined)).toBe('');
  });
});

describe('mrkdwn', () => {
  test('bold, italic, strike and inline code', () => {
    expect(renderInline('*bold* _italic_ ~strike~ `code`')).toBe('<b>bold</b> <i>italic</i> <s>strike</s> <code class="mk-code">code</code>');
    expect(renderInline('*_both_*')).toBe('<b><i>both</i></b>');
  });

  test("markers inside words, numbers and code stay as typed, as in Slack", () => {
    expect(renderInline('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(renderInline('`*not bold*` and `a_b_c`')).toBe('<code class="mk-code">*not bold*</code> and <code class="mk-code">a_b_c</code>');
    expect(renderInline('* not bold *')).toBe('* not bold *');
  });

  test('emphasis next to a word, as the bot writes it (zero-width spaces)', () => {
    expect(renderInline('pre\u200B*bold*\u200Bpost')).toBe('pre\u200B<b>bold</b>\u200Bpost');
  });

  test('code blocks keep their text, spacing and escapes', () => {
    const html = renderMrkdwn('Run:\n```\nkubectl get pods -o wide | grep -v Running &amp;&amp; echo &lt;done&gt;\n  *indented*\n```\nThen check.');
    expect(html).toBe(
      '<div class="mk-ln">Run:</div><pre class="mk-pre">kubectl get pods -o wide | grep -v Running &amp;&amp; echo &lt;done&gt;\n  *indented*</pre><div class="mk-ln">Then check.</div>',
    );
  });

  test('links, with and without a label; unsafe schemes are not links', () => {
    expect(renderInline('<https://kubernetes.io/docs/?a=1&amp;b=2|the docs &amp; more>')).toBe(
      '<a class="mk-link" href="https://kubernetes.io/docs/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">the docs &amp; more</a>',
    );
    expect(renderInline('<https://example.com>')).toBe('<a class="mk-link" href="https://example.com" target="_blank" rel="noopener noreferrer">https://example.com</a>');
    expect(renderInline('<mailto:ops@example.com|mail us>')).toContain('href="mailto:ops@example.com"');
    expect(renderInline('<javascript:alert(1)|click>')).toBe('&lt;javascript:alert(1)|click&gt;');
    expect(renderInline('*<https://a.example|bold link>*')).toBe('<b><a class="mk-link" href="https://a.example" target="_blank" rel="noopener noreferrer">bold link</a></b>');
  });

  test('mentions show @name; channels #name; broadcasts @here', () => {
    expect(renderInline('<@UALICE01> asks <@UBOB0002|bobby> and <@UZZZ9|zed>', ctx)).toBe(
      '<span class="mk-mention" data-user-id="UALICE01">@alice</span> asks <span class="mk-mention" data-user-id="UBOB0002">@bob</span> and <span class="mk-mention" data-user-id="UZZZ9">@zed</span>',
    );
    expect(renderInline('<@UNKNOWN1>')).toBe('<span class="mk-mention" data-user-id="UNKNOWN1">@UNKNOWN1</span>');
    expect(renderInline('in <#C0PRACTICE> or <#C0OTHER|random>', ctx)).toBe('in <span class="mk-channel">#devops-practice</span> or <span class="mk-channel">#random</span>');
    expect(renderInline('<!here> <!channel|channel>')).toBe('<span class="mk-mention mk-broadcast">@here</span> <span class="mk-mention mk-broadcast">@channel</span>');
  });

  test('entities: escaped text shows as typed and never becomes markup', () => {
    expect(renderInline('a &lt;b&gt; &amp; <script>alert(1)</script>')).toBe('a &lt;b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(visible(renderInline('if a &lt; b &amp;&amp; c &gt; d'))).toBe('if a < b && c > d');
    expect(renderInline('&quot;as typed&quot;')).toBe('&amp;quot;as typed&amp;quot;');
  });

  test('bullet and numbered lists, nested by four spaces', () => {
    const html = renderMrkdwn('Steps:\n• one *bold*\n    • nested\n1. first\n2. second');
    expect(html).toBe(
      '<div class="mk-ln">Steps:</div>' +
        '<div class="mk-li" style="--depth:0"><span class="mk-bullet">•</span><span class="mk-item">one <b>bold</b></span></div>' +
        '<div class="mk-li" style="--depth:1"><span class="mk-bullet">•</span><span class="mk-item">nested</span></div>' +
        '<div class="mk-li mk-ol" style="--depth:0"><span class="mk-bullet">1.</span><span class="mk-item">first</span></div>' +
        '<div class="mk-li mk-ol" style="--depth:0"><span class="mk-bullet">2.</span><span class="mk-item">second</span></div>',
    );
  });

  test('quotes and blank lines', () => {
    expect(renderMrkdwn('> quoted _line_\n> two\n\nafter')).toBe(
      '<blockquote class="mk-quote"><div class="mk-ln">quoted <i>line</i></div><div class="mk-ln">two</div></blockquote><div class="mk-ln mk-empty"><br></div><div class="mk-ln">after</div>',
    );
  });

  test('emoji characters and :shortcodes: are shown as they are', () => {
    expect(renderInline('🟢 Beginner :rocket: ✔️')).toBe('🟢 Beginner :rocket: ✔️');
  });

  test('the converter output for a Markdown answer renders every construct', () => {
    const md = [
      'A **Pod** is the _smallest_ unit; see [the docs](https://kubernetes.io/docs/concepts/workloads/pods/).',
      '',
      '- one container or more',
      '- shared `localhost`',
      '',
      '```yaml',
      'apiVersion: v1',
      'kind: Pod',
      '```',
    ].join('\n');
    const html = renderMrkdwn(markdownToMrkdwn(md));
    expect(html).toContain('<b>Pod</b>');
    expect(html).toContain('<i>smallest</i>');
    expect(html).toContain('<a class="mk-link" href="https://kubernetes.io/docs/concepts/workloads/pods/"');
    expect(html).toContain('<span class="mk-bullet">•</span><span class="mk-item">shared <code class="mk-code">localhost</code></span>');
    expect(html).toContain('<pre class="mk-pre">apiVersion: v1\nkind: Pod</pre>');
    expect(html).not.toContain('**');
  });
});

describe("the bot's own messages", () => {
  const q = makeQuestion(1, {
    title: 'What is the difference between a Deployment & a StatefulSet?',
    parts: [
      { label: null, markdown: 'A **Deployment** manages _interchangeable_ Pods:\n\n- rolling updates\n- `kubectl rollout undo`\n\n```bash\nkubectl get sts\n```' },
      { label: 'Why it matters', markdown: 'Stable identity, see <https://kubernetes.io>.' },
      { label: 'Interview Tip', markdown: 'Mention `volumeClaimTemplates`.' },
    ],
  });
  const iv = makeInterview({ status: 'pending' });
  const row = (user: string, rank: number) => ({ user, rank, points: 7 - rank, answers: 3, mix: [1, 1, 1, 0] as [number, number, number, number], streak: 2 });
  const messages: Array<[string, SlackMessage]> = [
    ['question', questionMessage(q, { kind: 'qotd' })],
    ['question asked by', questionMessage(q, { kind: 'adhoc', requestedBy: 'UALICE01' })],
    ['question revealed', questionMessage(q, { kind: 'adhoc', revealedBy: 'UBOB0002' })],
    ['answer', answerMessage(q, '1700000000.000100', [1, 2, 0, 1])],
    ['leaderboard', leaderboardMessage({ rows: [row('UALICE01', 1), row('UBOB0002', 2)], caller: row('UCAROL03', 12), callerRank: 12 }, 'week', '1–7 Jun')],
    ['empty leaderboard', leaderboardMessage({ rows: [], caller: null, callerRank: null }, 'all', 'all time')],
    ['help', helpMessage(['kubernetes', 'docker'])],
    ['command problem', commandProblemMessage({ code: 'not-understood', usage: 'question', words: ['qwe!!', '<!channel>'], topics: ['terraform&aws'] }, ['kubernetes', 'docker'])],
    ['notice', notice('✅ Recorded: *Advanced*')],
    ['stats', statsMessage({ user: 'UBOB0002', allTime: row('UBOB0002', 2), week: null, month: null, interviews: { given: 1, taken: 2 } }, false)],
    ['no schedule', scheduleMessage(null, null)],
    ['mock parent', interviewParentMessage(iv)],
    ['mock question', interviewQuestionMessage(makeInterview({ status: 'running' }), 0, q)],
    ['answer key', answerKeyMessage(makeInterview({ status: 'running' }), 0, q)],
    ['expired', interviewExpiredMessage(iv)],
  ];
  const summary = summarize([0, 1, 2].map((i) => ({ index: i, question: makeQuestion(i + 1), rating: i === 1 ? ('skip' as const) : ((i + 1) as 1 | 3) })));
  messages.push(['mock summary', interviewSummaryMessage(makeInterview({ status: 'ended' }), summary)]);
  for (const m of interviewAnswersMessages(makeInterview({ status: 'ended' }), summary)) messages.push(['mock answers', m]);

  test.each(messages)('%s renders with no unsupported part and no raw markup', (_name, message) => {
    const html = renderMessage(message, ctx);
    expect(html).not.toContain(UNSUPPORTED_CLASS);
    const text = visible(html);
    expect(text).not.toMatch(/<@U|<#C|<https?:|&amp;|&lt;|&gt;/);
    expect(text).not.toMatch(/(^|\s)\*[^*\s][^*]*\*(\s|$)/); // no bold left unrendered
  });

  test('every block type the views send is rendered as its own element', () => {
    const types = new Set(messages.flatMap(([, m]) => m.blocks.map((b) => b.type)));
    expect([...types].sort()).toEqual(['actions', 'context', 'divider', 'header', 'section']);
    const html = messages.map(([, m]) => renderMessage(m, ctx)).join('');
    for (const type of types) expect(html).toContain(`class="bk bk-${type}"`);
  });

  test('the question shows level, title, prompt and the Reveal button; the answer its parts and level buttons', () => {
    const question = renderMessage(questionMessage(q, { kind: 'qotd' }), ctx);
    expect(visible(question)).toContain('📅 Question of the day');
    expect(question).toContain('<b>What is the difference between a Deployment &amp; a StatefulSet?</b>');
    expect(question).toContain('🧠 <i>Think before expanding...</i>');
    expect(question).toMatch(/<button type="button" class="bk-btn bk-btn-primary" data-action-id="reveal_answer"[^>]*>👀 Reveal answer<\/button>/);

    const answer = renderMessage(answerMessage(q, '1700000000.000100', [0, 0, 0, 0]), ctx);
    expect(answer).toContain('<b>Deployment</b>');
    expect(answer).toContain('<pre class="mk-pre">kubectl get sts</pre>');
    expect(answer).toContain('✔️ <b>Why it matters</b>');
    expect(answer).toContain('💡 <b>Interview Tip</b>');
    for (const level of ['📚 Not yet', '🟢 Beginner', '🟡 Intermediate', '🔴 Advanced']) expect(answer).toContain(`>${level}</button>`);
  });

  test('leaderboard mentions show names', () => {
    const html = renderMessage(leaderboardMessage({ rows: [row('UALICE01', 1), row('UBOB0002', 2)], caller: null, callerRank: 2 }, 'all', 'all time'), ctx);
    expect(visible(html)).toMatch(/🥇 @alice\s+6 points/);
    expect(visible(html)).toMatch(/🥈 @bob\s+5 points/);
  });
});
