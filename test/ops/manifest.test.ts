/**
 * manifest.yml (Socket Mode) and manifest.http.yml (HTTP mode) must (a) validate against Slack's official manifest
 * JSON Schema (the copy in test/fixtures/slack-manifest-schema, so the check always runs), (b) be the same app but
 * for the transport settings, with a request URL for everything the HTTP app receives, (c) agree with the code:
 * every registered command is declared and every Web API method called is covered by a scope, and (d) declare no
 * scope that nothing needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type AnySchema, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { COMMAND } from '../../src/listeners/commands/devops-quiz';
import { BOT_SCOPES, REDIRECT_PATH } from '../../src/slack/oauth';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const SCHEMA_DIR = path.resolve(__dirname, '../fixtures/slack-manifest-schema');
/** Where the bot's HTTP receiver takes commands, clicks and events. */
const EVENTS_PATH = '/slack/events';


/**
 * Web API method → bot scopes, any one of which allows the call. An empty list means no scope is needed.
 * For conversations.* every conversation type the bot can be asked to work in has its own scope.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.scheduleMessage': ['chat:write'],
  'chat.deleteScheduledMessage': ['chat:write'],
  'chat.getPermalink': [],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.members': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.open': ['im:write', 'mpim:write'],
  'conversations.join': ['channels:join'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
  'reactions.add': ['reactions:write'],
  'reactions.remove': ['reactions:write'],
  'reactions.get': ['reactions:read'],
  'team.info': ['team:read'],
};

/** A declared scope is also needed when a feature, not a method, requires it. */
const FEATURE_SCOPES: Record<string, (m: Manifest) => boolean> = {
  commands: (m) => (m.features?.slash_commands ?? []).length > 0,
  // Slack delivers member_joined_channel for public channels with channels:read, private ones with groups:read.
  'channels:read': (m) => subscribes(m, 'member_joined_channel'),
  'groups:read': (m) => subscribes(m, 'member_joined_channel'),
};

function subscribes(m: Manifest, event: string): boolean {
  return (m.settings?.event_subscriptions?.bot_events ?? []).includes(event);
}

interface Manifest {
  _metadata?: { major_version?: number; minor_version?: number };
  display_information: { name: string; description?: string; background_color?: string };
  features?: {
    bot_user?: { display_name: string; always_online?: boolean };
    slash_commands?: Array<{ command: string; description: string; usage_hint?: string; should_escape?: boolean; url?: string }>;
  };
  oauth_config?: { redirect_urls?: string[]; scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    interactivity?: { is_enabled: boolean; request_url?: string };
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

const readManifest = (file: string) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return { file, text, manifest: parse(text) as Manifest, header: text.split('\n').filter((l) => l.startsWith('#')).join('\n') };
};
const socket = readManifest('manifest.yml');
const http = readManifest('manifest.http.yml');
const manifest = socket.manifest;
const botScopes = manifest.oauth_config?.scopes?.bot ?? [];

/**
 * The manifest without what differs between Socket Mode and HTTP mode: Socket Mode itself, the request URLs and the
 * OAuth redirect URL (installs in many workspaces run over HTTP only).
 */
function withoutTransport(m: Manifest): Manifest {
  const copy = JSON.parse(JSON.stringify(m)) as Manifest;
  delete copy.settings?.socket_mode_enabled;
  delete copy.oauth_config?.redirect_urls;
  delete copy.settings?.interactivity?.request_url;
  delete copy.settings?.event_subscriptions?.request_url;
  for (const c of copy.features?.slash_commands ?? []) delete c.url;
  return copy;
}

/** The bot's sources. The local workspace and the playground, which implement Slack's methods, are in dev/, not here. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file);

/** Every `<something>.<family>.<method>(` call in the bot's sources, with where it was seen. */
function webApiCalls(): Map<string, string[]> {
  const pattern = /\.(auth|chat|users|conversations|views|reactions|team|pins|bookmarks|files|usergroups|apps)\.(\w+)\s*\(/g;
  const calls = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(pattern)) {
      const method = `${match[1]}.${match[2]}`;
      const line = text.slice(0, match.index).split('\n').length;
      calls.set(method, [...(calls.get(method) ?? []), `${rel(file)}:${line}`]);
    }
  }
  return calls;
}

/** Commands registered with `app.command(...)`, by string literal or by a constant defined in the same file. */
function registeredCommands(): Array<{ command: string; at: string }> {
  const found: Array<{ command: string; at: string }> = [];
  for (const file of sourceFiles(path.join(SRC, 'listeners'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bapp\.command(?:<[^()]*?>)?\(\s*(?:(['"`])([^'"`]+)\1|([A-Za-z_$][\w$]*))/g)) {
      let command = match[2];
      if (!command) {
        const name = match[3];
        const def = new RegExp(`\\bconst\\s+${name}\\s*=\\s*(['"\`])([^'"\`]+)\\1`).exec(text);
        if (!def) throw new Error(`${rel(file)}: app.command(${name}) uses a constant this test cannot resolve; define it in the same file as a string literal.`);
        command = def[2];
      }
      found.push({ command, at: rel(file) });
    }
  }
  return found;
}

/** Events the code subscribes to with `app.event('…')`; each needs a bot_events entry. */
function registeredEvents(): string[] {
  const events: string[] = [];
  for (const file of sourceFiles(path.join(SRC, 'listeners'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bapp\.event(?:<[^()]*?>)?\(\s*(['"`])([^'"`]+)\1/g)) events.push(match[2]);
  }
  return events;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `  ${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

/** Slack's schemas, registered under the absolute URLs the router refers to, so nothing is fetched. */
function loadSchemas(): { ajv: Ajv; router: AnySchema; byVersion: Map<number, string> } {
  const router = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'manifest.schema.json'), 'utf8')) as AnySchema & Record<string, unknown>;
  const refs = [...JSON.stringify(router).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(0);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const byVersion = new Map<number, string>();
  for (const ref of new Set(refs)) {
    const file = path.basename(new URL(ref).pathname); // manifest.schema.1.0.0.json
    const major = Number(/manifest\.schema\.(\d+)\./.exec(file)?.[1]);
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as AnySchema, ref);
    byVersion.set(major, ref);
  }
  return { ajv, router, byVersion };
}

describe("Slack's official manifest JSON Schema", () => {
  test('the project ships its copy, with Slack\'s MIT licence and where it came from', () => {
    expect(fs.readFileSync(path.join(SCHEMA_DIR, 'SOURCE.txt'), 'utf8')).toMatch(/slackapi\/manifest-schema/);
    expect(fs.readFileSync(path.join(SCHEMA_DIR, 'LICENSE'), 'utf8')).toMatch(/^MIT License[\s\S]*Slack Technologies/);
    expect(fs.existsSync(path.join(SCHEMA_DIR, 'manifest.schema.json'))).toBe(true);
  });

  test.each([socket, http])('$file validates against the schema for its major version, and through the router', ({ file, manifest: m }) => {
    const { ajv, router, byVersion } = loadSchemas();
    // The file for the manifest's own version (Slack treats a missing version as 1).
    const versionRef = byVersion.get(m._metadata?.major_version ?? 1);
    expect(versionRef).toBeDefined();
    const validateVersion = ajv.getSchema(versionRef!)!;
    if (!validateVersion(m)) throw new Error(`${file} does not match ${path.basename(versionRef!)}:\n${formatErrors(validateVersion.errors)}`);
    // And through the router, exactly as Slack's tooling picks the version.
    const validateAny = ajv.compile(router);
    if (!validateAny(m)) throw new Error(`${file} does not match manifest.schema.json:\n${formatErrors(validateAny.errors)}`);
  });

  test('a broken manifest is rejected (the schema check has teeth)', () => {
    const { ajv, byVersion } = loadSchemas();
    const validate = ajv.getSchema(byVersion.get(manifest._metadata?.major_version ?? 1)!)!;
    expect(validate(manifest)).toBe(true);
    const broken = JSON.parse(JSON.stringify(manifest)) as Manifest & { features: { slash_commands: Array<Record<string, unknown>> } };
    broken.features.slash_commands[0].command = 'devops-quiz'; // no leading slash
    broken.features.slash_commands[0].shouldEscape = true; // unknown key
    expect(validate(broken)).toBe(false);
    const badUrl = JSON.parse(JSON.stringify(http.manifest)) as Manifest;
    badUrl.settings!.event_subscriptions!.request_url = '<your-host>/slack/events'; // no scheme
    expect(validate(badUrl)).toBe(false);
  });
});

describe('manifest.http.yml: the same app over HTTP', () => {
  test('agrees with manifest.yml on everything but Socket Mode and the request URLs', () => {
    expect(withoutTransport(http.manifest)).toEqual(withoutTransport(socket.manifest));
  });

  test('Socket Mode off, and a request URL for each kind of request the app receives: commands, clicks, events', () => {
    const m = http.manifest;
    expect(m.settings?.socket_mode_enabled).toBe(false);
    const url = `https://<your-host>${EVENTS_PATH}`;
    expect(m.features?.slash_commands?.length).toBeGreaterThan(0);
    for (const c of m.features?.slash_commands ?? []) expect([c.command, c.url]).toEqual([c.command, url]);
    expect(m.settings?.interactivity).toEqual({ is_enabled: true, request_url: url });
    // Without it Slack delivers no event: member_joined_channel (the welcome) would never arrive.
    expect(m.settings?.event_subscriptions?.bot_events?.length).toBeGreaterThan(0);
    expect(m.settings?.event_subscriptions?.request_url).toBe(url);
  });

  test('the OAuth redirect URL is the path Bolt serves installs back on (many workspaces)', () => {
    expect(http.manifest.oauth_config?.redirect_urls).toEqual([`https://<your-host>${REDIRECT_PATH}`]);
    expect(socket.manifest.oauth_config?.redirect_urls).toBeUndefined();
  });

  test("the URLs' path is the one the bot's HTTP receiver listens on", () => {
    const declaring = sourceFiles(SRC).filter((file) => fs.readFileSync(file, 'utf8').includes(`'${EVENTS_PATH}'`));
    expect(declaring.length).toBeGreaterThan(0);
  });

  test('each file says how to use it; manifest.yml points to manifest.http.yml for HTTP mode', () => {
    expect(socket.header).toMatch(/manifest\.http\.yml/);
    expect(socket.header).toMatch(/YAML tab/);
    expect(http.header).toMatch(/YAML tab/);
    expect(http.header).toMatch(/Replace <your-host> in the three request URLs/);
    expect(http.header).toMatch(/SLACK_SIGNING_SECRET[\s\S]*SLACK_APP_TOKEN empty/);
    expect(http.header).toMatch(/"Event Subscriptions": the Request URL must say "Verified"/);
  });

  test('the set-up guide walks through it, events URL included', () => {
    const guide = fs.readFileSync(path.join(ROOT, 'docs/slack-app-setup.md'), 'utf8');
    const httpPart = guide.slice(guide.indexOf('## HTTP mode'));
    expect(httpPart).toMatch(/manifest\.http\.yml/);
    expect(httpPart).toMatch(/Event Subscriptions/);
    expect(httpPart).toMatch(/event_subscriptions/);
  });
});

describe('manifest.yml: the app it creates', () => {
  test('display information and bot user', () => {
    expect(manifest.display_information.name).toBe('DevOps Quiz');
    expect(manifest.display_information.description?.length).toBeGreaterThan(0);
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
    expect(manifest.features?.bot_user).toEqual({ display_name: 'DevOps Quiz', always_online: true });
  });

  test('Socket Mode on, interactivity on, token rotation off, no request URLs', () => {
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings?.token_rotation_enabled).toBe(false);
    // In Socket Mode URLs are ignored; a leftover placeholder would only confuse.
    expect(manifest.settings?.interactivity?.request_url).toBeUndefined();
    expect(manifest.settings?.event_subscriptions?.request_url).toBeUndefined();
    for (const c of manifest.features?.slash_commands ?? []) expect(c.url).toBeUndefined();
  });

  test('/devops-quiz has a description, a usage hint and escapes mentions', () => {
    const command = manifest.features?.slash_commands?.find((c) => c.command === COMMAND);
    expect(command).toBeDefined();
    expect(command!.description.length).toBeGreaterThan(0);
    expect(command!.usage_hint).toBe('[level] [topic] | schedule 09:30 Europe/Berlin weekdays | leaderboard | stats | mock @teammate | help');
    // Mentions must arrive as <@U…> for `mock @teammate` and `stats @someone`.
    expect(command!.should_escape).toBe(true);
  });

});

describe('manifest.yml agrees with the code', () => {
  test('every command the app registers is declared', () => {
    const registered = registeredCommands();
    expect(registered.map((r) => r.command)).toContain(COMMAND);
    const declared = new Set((manifest.features?.slash_commands ?? []).map((c) => c.command));
    const missing = registered.filter((r) => !declared.has(r.command));
    expect(missing.map((r) => `${r.command} (registered in ${r.at})`)).toEqual([]);
  });

  test('every declared command is registered by the code', () => {
    const registered = new Set(registeredCommands().map((r) => r.command));
    const stale = (manifest.features?.slash_commands ?? []).map((c) => c.command).filter((c) => !registered.has(c));
    expect(stale).toEqual([]);
  });

  test('interactivity is on because the code handles button clicks', () => {
    const interactive = sourceFiles(path.join(SRC, 'listeners')).some((file) => /\bapp\.(action|view|shortcut|options)(?:<[^()]*?>)?\(/.test(fs.readFileSync(file, 'utf8')));
    expect(interactive).toBe(true);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
  });

  test('every event the code listens to is subscribed', () => {
    const subscribed = new Set(manifest.settings?.event_subscriptions?.bot_events ?? []);
    expect(registeredEvents().filter((e) => !subscribed.has(e))).toEqual([]);
  });

  test('every subscribed event is listened to (Slack would send events nobody handles)', () => {
    const registered = new Set(registeredEvents());
    expect(registered.size).toBeGreaterThan(0);
    expect((manifest.settings?.event_subscriptions?.bot_events ?? []).filter((e) => !registered.has(e))).toEqual([]);
  });

  test('an install in distribution mode asks for exactly the declared bot scopes (src/slack/oauth.ts)', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...botScopes].sort());
    expect(new Set(BOT_SCOPES).size).toBe(BOT_SCOPES.length);
  });

  test('the scan finds the calls the Slack port makes', () => {
    const calls = webApiCalls();
    for (const method of ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'users.info', 'conversations.history']) {
      expect(calls.has(method)).toBe(true);
    }
  });

  test('every Web API method the code calls is covered by a declared bot scope', () => {
    const problems: string[] = [];
    for (const [method, where] of webApiCalls()) {
      const acceptable = METHOD_SCOPES[method];
      if (!acceptable) {
        problems.push(`${method} (called at ${where.join(', ')}) is missing from METHOD_SCOPES in test/ops/manifest.test.ts: add it with the scopes Slack documents for it, then declare one in manifest.yml.`);
      } else if (acceptable.length > 0 && !acceptable.some((s) => botScopes.includes(s))) {
        problems.push(`${method} (called at ${where.join(', ')}) needs one of [${acceptable.join(', ')}] in manifest.yml oauth_config.scopes.bot.`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('no bot scope is declared that nothing needs (minimal scopes)', () => {
    const needed = new Set<string>();
    for (const method of webApiCalls().keys()) for (const scope of METHOD_SCOPES[method] ?? []) needed.add(scope);
    for (const [scope, needs] of Object.entries(FEATURE_SCOPES)) if (needs(manifest)) needed.add(scope);
    const unneeded = botScopes.filter((s) => !needed.has(s));
    expect(unneeded).toEqual([]);
    expect(new Set(botScopes).size).toBe(botScopes.length);
    // The bot asks to be invited rather than posting everywhere, and acts only as itself.
    expect(botScopes).not.toContain('chat:write.public');
    expect(manifest.oauth_config?.scopes?.user ?? []).toEqual([]);
  });

  test('the Home tab is on because the code publishes Home on app_home_opened; the Messages tab takes DMs', () => {
    expect(registeredEvents()).toContain('app_home_opened');
    expect(webApiCalls().has('views.publish')).toBe(true);
    for (const m of [socket.manifest, http.manifest]) {
      const home = (m.features as { app_home?: Record<string, boolean> } | undefined)?.app_home;
      expect(home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    }
  });

  test('the commands scope is declared because a slash command is', () => {
    expect(botScopes).toContain('commands');
  });
});
