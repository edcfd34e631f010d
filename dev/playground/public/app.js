// DevOps Quiz playground page. Plain JavaScript, no build step: the server renders every message's Block Kit (and
// the Home tab's) to HTML (dev/playground/render.ts); this script lays out the channel, the DM with the bot, its
// Home tab and a thread, switches the pretend user, sends what the composer, the buttons and ⏩ Next day do, and
// refreshes on the server's `change` events.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const COLORS = ['#e8912d', '#2bac76', '#1264a3', '#cd2553', '#7c3085', '#0b4c8c'];
  const EXAMPLES = [
    '/devops-quiz',
    '/devops-quiz beginner docker',
    '/devops-quiz leaderboard',
    '/devops-quiz stats',
    '/devops-quiz mock @bob 3 intermediate',
    '/devops-quiz schedule 09:30 Europe/Berlin weekdays',
    '/devops-quiz help',
  ];

  const params = new URLSearchParams(location.search);
  const VIEWS = ['channel', 'dm', 'home'];
  // What the delayed jobs that ⏩ Next day ran are, in words.
  const JOB_WORDS = { 'review-day': 'reviews by DM', recap: 'weekly recap', 'post-qotd': 'question of the day', reveal: 'timed reveal', 'interview-timeout': 'mock interview time-out' };
  const state = {
    me: params.get('as') || localStorage.getItem('devops-quiz-playground-as') || '',
    view: VIEWS.includes(params.get('view')) ? params.get('view') : 'channel',
    thread: null,
    data: null,
    dismissed: new Set(),
    loading: false,
    again: false,
  };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function colorFor(id) {
    const i = state.data ? state.data.people.findIndex((p) => p.id === id) : -1;
    if (i >= 0) return COLORS[i % COLORS.length];
    let h = 0;
    for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return COLORS[h % COLORS.length];
  }

  function avatar(author) {
    if (author.isBot) return '<div class="avatar bot" aria-hidden="true">🎓</div>';
    return `<div class="avatar" style="background:${colorFor(author.id)}" aria-hidden="true">${esc((author.name[0] || '?').toUpperCase())}</div>`;
  }

  function timeOf(ts) {
    const d = new Date(Number(ts.split('.')[0]) * 1000);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function personName(id) {
    const p = state.data && state.data.people.find((x) => x.id === id);
    return p ? p.name : id;
  }

  // ------------------------------------------------------------ rendering

  function messageHtml(m, where) {
    const ephemeral = m.kind === 'ephemeral';
    const head = `<div class="msg-head"><span class="author">${esc(m.author.name)}</span>${m.author.isBot ? '<span class="app-badge">APP</span>' : ''}<time datetime="${esc(m.ts)}">${esc(timeOf(m.ts))}</time></div>`;
    const onlyYou = ephemeral
      ? `<div class="only-you">👁 Only visible to you<button type="button" data-dismiss="${esc(m.ts)}">Dismiss</button></div>`
      : '';
    let replies = '';
    if (where === 'channel' && m.replyCount > 0) {
      const who = m.replyNames.slice(0, 3).join(', ');
      replies = `<button type="button" class="replies" data-open-thread="${esc(m.ts)}">${m.replyCount} ${m.replyCount === 1 ? 'reply' : 'replies'} <span class="who">${esc(who)}</span></button>`;
    }
    const actions =
      where === 'channel' && !ephemeral ? `<div class="msg-actions"><button type="button" data-open-thread="${esc(m.ts)}" title="Reply in thread">💬 Reply in thread</button></div>` : '';
    return `<div class="msg${ephemeral ? ' ephemeral' : ''}" data-ts="${esc(m.ts)}" data-kind="${m.kind}" data-author="${esc(m.author.name)}">
      ${avatar(m.author)}
      <div class="msg-main">${onlyYou}${head}<div class="msg-body">${m.html}</div>${m.edited ? '<div class="edited">(edited)</div>' : ''}${replies}</div>${actions}
    </div>`;
  }

  function renderList(el, messages, where, emptyHtml) {
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    const before = new Set([...el.querySelectorAll('.msg')].map((n) => n.dataset.ts));
    const visible = messages.filter((m) => !state.dismissed.has(m.ts));
    let html = visible.map((m, i) => messageHtml(m, where) + (where === 'thread' && i === 0 && visible.length > 1 ? `<div class="thread-divider">${visible.length - 1} ${visible.length === 2 ? 'reply' : 'replies'}</div>` : '')).join('');
    if (!visible.length) html = emptyHtml;
    el.innerHTML = html;
    if (before.size) {
      for (const node of el.querySelectorAll('.msg')) if (!before.has(node.dataset.ts)) node.classList.add('flash');
    }
    if (atBottom || before.size === 0 || visible.some((m) => !before.has(m.ts))) el.scrollTop = el.scrollHeight;
  }

  function renderPeople(data) {
    const box = $('user-switch');
    box.innerHTML = data.people
      .map(
        (p) =>
          `<button type="button" role="radio" data-user="${esc(p.id)}" data-name="${esc(p.name)}" aria-checked="${p.id === data.me}">${avatar({ id: p.id, name: p.name })}<span>${esc(p.name)}</span>${p.isAdmin ? '<span class="admin">admin</span>' : ''}</button>`,
      )
      .join('');
  }

  function renderFrame(data) {
    const inChannel = data.view === 'channel';
    const where = inChannel ? `#${data.channel.name}` : data.bot.name;
    document.body.dataset.view = data.view;
    $('channel-title').textContent = inChannel ? `# ${data.channel.name}` : `🎓 ${data.bot.name}`;
    $('channel-sub').textContent = inChannel ? `${data.channel.memberCount} members · you are @${personName(data.me)}` : `App · you are @${personName(data.me)}`;
    $('channel-link').textContent = `# ${data.channel.name}`;
    $('channel-link').classList.toggle('active', inChannel);
    $('dm-link').classList.toggle('active', !inChannel);
    $('dm-name').textContent = data.bot.name;
    const count = $('dm-count');
    count.hidden = !data.dmCount;
    count.textContent = String(data.dmCount);
    $('app-tabs').hidden = inChannel;
    $('tab-home').setAttribute('aria-selected', String(data.view === 'home'));
    $('tab-messages').setAttribute('aria-selected', String(data.view === 'dm'));
    $('messages').hidden = data.view === 'home';
    $('home').hidden = data.view !== 'home';
    $('composer').hidden = data.view === 'home';
    $('composer-input').placeholder = inChannel ? `Message #${data.channel.name} · try /devops-quiz` : `Message ${data.bot.name} · try /devops-quiz review`;
    $('clock-day').textContent = data.clock.day ? `Caught up to the end of ${data.clock.date} (day +${data.clock.day})` : `Today, ${data.clock.date}`;
    return where;
  }

  function render(data) {
    state.data = data;
    state.me = data.me; // the server falls back to the first teammate for an unknown user
    document.body.dataset.me = personName(data.me);
    $('team-name').textContent = data.team.name;
    const where = renderFrame(data);
    renderPeople(data);
    if (data.view === 'home') {
      $('home').innerHTML = data.home
        ? data.home.html
        : `<div class="empty-note">${esc(data.bot.name)} has not published a Home tab for you yet.</div>`;
    } else {
      renderList(
        $('messages'),
        data.messages,
        'channel',
        data.view === 'dm'
          ? `<div class="empty-note">This is the very beginning of your direct messages with <b>${esc(data.bot.name)}</b>.<br>Reviews you said yes to come here when they are due: try <b>⏩ Next day</b>.</div>`
          : `<div class="empty-note">This is the very beginning of <b>#${esc(data.channel.name)}</b>.<br>Type <code>/devops-quiz</code> below for a question, or pick an example on the left.</div>`,
      );
    }
    const pane = $('thread');
    if (state.thread && data.thread) {
      pane.hidden = false;
      $('thread-sub').textContent = where;
      renderList($('thread-messages'), data.thread.messages, 'thread', '');
    } else {
      if (state.thread && !data.thread) state.thread = null;
      pane.hidden = true;
    }
  }

  async function refresh() {
    if (state.loading) {
      state.again = true;
      return;
    }
    state.loading = true;
    try {
      const asked = { me: state.me, thread: state.thread, view: state.view };
      const q = new URLSearchParams();
      if (asked.me) q.set('as', asked.me);
      if (asked.thread) q.set('thread', asked.thread);
      q.set('view', asked.view);
      const res = await fetch(`/playground/api/state?${q}`, { cache: 'no-store' });
      const data = res.ok ? await res.json() : null;
      // The user switched, a thread opened or another view was picked meanwhile: this answer is for a view no longer shown.
      if (state.me !== asked.me || state.thread !== asked.thread || state.view !== asked.view) state.again = true;
      else if (data) render(data);
    } catch (e) {
      status('composer-status', 'Lost the connection to the bot. Is `npm start` still running?', true);
    } finally {
      state.loading = false;
      if (state.again) {
        state.again = false;
        void refresh();
      }
    }
  }

  // ------------------------------------------------------------ actions

  function status(id, text, isError) {
    const el = $(id);
    el.textContent = text;
    el.classList.toggle('error', !!isError);
  }

  async function post(path, body) {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: state.me, view: state.view, ...body }) });
    let data = {};
    try {
      data = await res.json();
    } catch (e) {
      data = {};
    }
    if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
    return data;
  }

  async function send(inputId, statusId, threadTs) {
    const input = $(inputId);
    const text = input.value.trim();
    if (!text) return;
    const who = `@${personName(state.me)}`;
    try {
      if (text.startsWith('/')) {
        if (threadTs) throw new Error(`${text.split(/\s/)[0]} is not supported in threads. Sorry!`);
        const r = await post('/playground/api/command', { text });
        status(statusId, `Sent as ${who}: ${text.split(/\s/)[0]} ${r.sentText}`.trim(), false);
      } else {
        await post('/playground/api/message', { text, threadTs });
        status(statusId, '', false);
      }
      input.value = '';
      autosize(input);
    } catch (e) {
      status(statusId, e.message, true);
    }
  }

  async function click(button) {
    const msg = button.closest('.msg');
    const onHome = !msg && button.closest('#home');
    if ((!msg && !onHome) || button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    const statusId = msg && msg.closest('#thread') ? 'thread-status' : 'composer-status';
    try {
      await post('/playground/api/click', { ts: msg ? msg.dataset.ts : '', actionId: button.dataset.actionId, blockId: button.dataset.blockId });
      status(statusId, `@${personName(state.me)} clicked “${button.textContent.trim()}”`, false);
    } catch (e) {
      status(statusId, e.message, true);
      void refresh();
    } finally {
      button.removeAttribute('aria-busy');
    }
  }

  // The Home tab tells the bot it was opened (Slack's app_home_opened), so the bot publishes the user's Home.
  async function openHome() {
    try {
      await post('/playground/api/home', {});
    } catch (e) {
      status('composer-status', e.message, true);
    }
  }

  function setView(view) {
    if (!VIEWS.includes(view)) return;
    state.view = view;
    state.thread = null;
    const url = new URL(location.href);
    url.searchParams.set('view', view);
    history.replaceState(null, '', url);
    if (view === 'home') void openHome();
    void refresh();
  }

  async function nextDay(button) {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    try {
      const r = await post('/playground/api/next-day', {});
      const ran = Object.entries(r.promoted).map(([name, n]) => `${JOB_WORDS[name] || name} ×${n}`);
      status('composer-status', `Day +${r.day}: ${ran.length ? `ran ${ran.join(', ')}` : 'nothing was due'}.`, false);
      if (state.view === 'home') void openHome();
    } catch (e) {
      status('composer-status', e.message, true);
    } finally {
      button.removeAttribute('aria-busy');
    }
  }

  function openThread(ts) {
    state.thread = ts;
    void refresh();
  }

  function setUser(id) {
    state.me = id;
    localStorage.setItem('devops-quiz-playground-as', id);
    const url = new URL(location.href);
    url.searchParams.set('as', personName(id));
    history.replaceState(null, '', url);
    status('composer-status', `You are now @${personName(id)}.`, false);
    if (state.view === 'home') void openHome();
    void refresh();
  }

  function autosize(el) {
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 140)}px`;
  }

  function wireComposer(formId, inputId, statusId, threadTs) {
    const form = $(formId);
    const input = $(inputId);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void send(inputId, statusId, threadTs());
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void send(inputId, statusId, threadTs());
      }
    });
    input.addEventListener('input', () => autosize(input));
  }

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    const button = target.closest('button.bk-btn');
    if (button) return void click(button);
    const opener = target.closest('[data-open-thread]');
    if (opener) return openThread(opener.getAttribute('data-open-thread'));
    const dismiss = target.closest('[data-dismiss]');
    if (dismiss) {
      state.dismissed.add(dismiss.getAttribute('data-dismiss'));
      if (state.data) render(state.data);
      return;
    }
    const view = target.closest('button[data-view]');
    if (view) return setView(view.getAttribute('data-view'));
    const next = target.closest('#next-day');
    if (next) return void nextDay(next);
    const person = target.closest('#user-switch button[data-user]');
    if (person) return setUser(person.getAttribute('data-user'));
    const example = target.closest('#examples button');
    if (example) {
      const input = $('composer-input');
      input.value = example.textContent;
      input.focus();
      autosize(input);
    }
  });

  $('close-thread').addEventListener('click', () => {
    state.thread = null;
    void refresh();
  });

  $('examples').innerHTML = EXAMPLES.map((x) => `<button type="button">${esc(x)}</button>`).join('');
  wireComposer('composer', 'composer-input', 'composer-status', () => undefined);
  wireComposer('thread-composer', 'thread-input', 'thread-status', () => state.thread || undefined);

  // `?as=bob` (a name) or an id picks the pretend user.
  async function start() {
    if (state.me && !/^U/.test(state.me)) {
      const wanted = state.me.toLowerCase();
      state.me = '';
      await refresh();
      const p = state.data && state.data.people.find((x) => x.name === wanted);
      if (p) state.me = p.id;
    }
    if (state.view === 'home') await openHome();
    await refresh();
    const events = new EventSource('/playground/api/events');
    events.addEventListener('change', () => void refresh());
    events.addEventListener('open', () => $('live').classList.add('on'));
    events.addEventListener('error', () => $('live').classList.remove('on'));
  }
  void start();
})();
