/**
 * No container engine runs on our machines, so the deployment files are checked by reading them:
 * docker-compose.yml (parsed as YAML), the Dockerfile (as text), .dockerignore, .env.example and .gitignore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Healthcheck {
  test: string | string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}
interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  command?: string | string[];
  volumes?: Array<string | { type: string; source: string; target: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
  env_file?: string | Array<string | { path: string }>;
  environment?: Record<string, string | number | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: Array<string | number | { target: number; published?: string | number }>;
  expose?: Array<string | number>;
  stop_grace_period?: string;
  stop_signal?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml')) as Compose;
const redis = compose.services.redis;
const bot = compose.services.bot;

/** `command` as one argv list, whichever form it is written in. */
function argv(command: string | string[] | undefined): string[] {
  if (!command) return [];
  return Array.isArray(command) ? command.flatMap((part) => String(part).split(/\s+/)) : command.trim().split(/\s+/);
}

/** The value that follows `--name` in a redis-server command line (null when absent). */
function redisOption(args: string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : null;
}

function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function sizeInBytes(size: string): number {
  const m = /^(\d+)(b|kb|k|mb|m|gb|g)?$/i.exec(size);
  if (!m) return NaN;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = { b: 1, k: 1e3, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 }[unit]!;
  return Number(m[1]) * factor;
}

describe('docker-compose.yml: redis', () => {
  const args = argv(redis?.command);

  test('has the two services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'redis']);
  });

  test('runs Redis 7', () => {
    expect(redis.image).toMatch(/^redis:7(\.\d+)*(-alpine)?$/);
    expect(args[0]).toBe('redis-server');
  });

  test('persists with AOF, fsync every second', () => {
    expect(redisOption(args, 'appendonly')).toBe('yes');
    expect(redisOption(args, 'appendfsync')).toBe('everysec');
  });

  test('never evicts keys (BullMQ needs noeviction) and has a memory cap', () => {
    expect(redisOption(args, 'maxmemory-policy')).toBe('noeviction');
    const cap = sizeInBytes(redisOption(args, 'maxmemory') ?? '');
    expect(cap).toBeGreaterThanOrEqual(64 * 1024 ** 2);
  });

  test('keeps /data on a named volume', () => {
    const mounts = (redis.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
    expect(mounts).toContain('redis-data:/data');
    expect(compose.volumes).toHaveProperty('redis-data');
  });

  test('reports health with redis-cli ping and restarts', () => {
    const check = redis.healthcheck?.test;
    expect(Array.isArray(check) ? check.join(' ') : check).toMatch(/redis-cli\s+ping/);
    expect(redis.restart).toBe('unless-stopped');
  });

  test('is not published on the host', () => {
    expect(redis.ports).toBeUndefined();
  });
});

describe('docker-compose.yml: bot', () => {
  test('is built from the Dockerfile here', () => {
    const build = bot.build;
    expect(typeof build === 'string' ? build : build?.context).toBe('.');
  });

  test('reads its settings from .env and finds Redis by service name', () => {
    const files = ([] as Array<string | { path: string }>).concat(bot.env_file ?? []).map((f) => (typeof f === 'string' ? f : f.path));
    expect(files).toContain('.env');
    const env = environment(bot);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    // The container listens on 3000 whatever .env says, so the port mapping and health check stay right.
    expect(env.PORT ?? '3000').toBe('3000');
  });

  test('waits for a healthy Redis', () => {
    const deps = bot.depends_on;
    expect(Array.isArray(deps)).toBe(false);
    expect((deps as Record<string, { condition?: string }>).redis?.condition).toBe('service_healthy');
  });

  test('publishes ${PORT:-3000} on container port 3000', () => {
    expect(bot.ports).toEqual(['${PORT:-3000}:3000']);
  });

  test('serves /readyz and /metrics on a HEALTH_PORT of their own, open to the compose network only', () => {
    const healthPort = environment(bot).HEALTH_PORT;
    expect(healthPort).toMatch(/^\d+$/);
    expect(healthPort).not.toBe('3000');
    expect((bot.expose ?? []).map(String)).toContain(healthPort);
    expect(JSON.stringify(bot.ports)).not.toContain(healthPort);
  });

  test('health check calls /healthz with node (no curl in slim images)', () => {
    const check = bot.healthcheck?.test;
    expect(Array.isArray(check)).toBe(true);
    const [kind, cmd, flag, script] = check as string[];
    expect([kind, cmd, flag]).toEqual(['CMD', 'node', '-e']);
    expect(script).toContain("fetch('http://127.0.0.1:3000/healthz')");
    expect(script).toMatch(/process\.exit\(r\.ok\s*\?\s*0\s*:\s*1\)/);
    expect(script).toMatch(/catch\(\(\)\s*=>\s*process\.exit\(1\)\)/);
  });

  test('restarts, and gets time to finish running jobs on stop', () => {
    expect(bot.restart).toBe('unless-stopped');
    expect(bot.stop_grace_period).toBe('15s');
    expect(bot.stop_signal ?? 'SIGTERM').toBe('SIGTERM');
  });
});

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  // Instructions with continuation lines joined, comments dropped.
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const froms = lines.filter((l) => /^FROM\s/i.test(l));
  const stages = (() => {
    const out: string[][] = [];
    for (const l of lines) {
      if (/^FROM\s/i.test(l)) out.push([]);
      if (out.length) out[out.length - 1].push(l);
    }
    return out;
  })();
  const runtime = stages[stages.length - 1];
  const argDefaults = Object.fromEntries(
    lines.filter((l) => /^ARG\s+\w+=/.test(l)).map((l) => /^ARG\s+(\w+)=(\S+)/.exec(l)!.slice(1, 3) as [string, string]),
  );
  const image = (from: string) => from.split(/\s+/)[1].replace(/^\$\{?(\w+)\}?$/, (_, name: string) => argDefaults[name] ?? name);

  test('is multi-stage on Node 20', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) {
      const base = image(from);
      const stageRef = froms.some((f) => new RegExp(`\\sAS\\s+${base}$`, 'i').test(f));
      if (!stageRef) expect(base).toMatch(/^node:20(\.\d+)*-(bookworm-slim|alpine\d*(\.\d+)*)$/);
    }
  });

  test('builds with npm ci and npm run build in an earlier stage', () => {
    const earlier = stages.slice(0, -1).flat().join('\n');
    expect(earlier).toMatch(/^RUN\s+npm ci\b(?!.*--omit=dev)/m);
    expect(earlier).toMatch(/npm run build/);
  });

  test('ships only production dependencies, dist/ and content/', () => {
    const all = lines.join('\n');
    const prodInstall = /npm ci[^\n]*--omit=dev|npm prune[^\n]*--omit=dev|npm prune --production/.test(all);
    expect(prodInstall).toBe(true);
    expect(runtime.some((l) => /^ENV\b.*\bNODE_ENV=production\b/.test(l))).toBe(true);
    const copies = runtime.filter((l) => /^COPY\s/i.test(l));
    // Every COPY into the runtime image names one of the allowed things.
    for (const copy of copies) {
      const sources = copy.replace(/^COPY\s+/i, '').split(/\s+/).filter((p) => !p.startsWith('--')).slice(0, -1);
      for (const source of sources) expect(['package.json', 'package-lock.json', 'package*.json', '/app/node_modules', '/app/dist', 'dist', 'content']).toContain(source);
    }
    expect(copies.join('\n')).toMatch(/dist/);
    expect(copies.join('\n')).toMatch(/\bcontent\b/);
    // No sources, no compiler in the runtime stage.
    expect(copies.join('\n')).not.toMatch(/\bsrc\b|tsconfig/);
    expect(runtime.join('\n')).not.toMatch(/npm run build|npm ci(?![^\n]*--omit=dev)/);
  });

  test('runs as the non-root node user', () => {
    const users = runtime.filter((l) => /^USER\s/i.test(l));
    expect(users.length).toBeGreaterThan(0);
    const last = users[users.length - 1].split(/\s+/)[1];
    expect(['root', '0', '0:0']).not.toContain(last);
    expect(last).toBe('node');
  });

  test('exposes 3000 and starts node directly, so SIGTERM reaches it', () => {
    expect(runtime).toContain('EXPOSE 3000');
    expect(runtime).toContain('STOPSIGNAL SIGTERM');
    const cmds = runtime.filter((l) => /^(CMD|ENTRYPOINT)\s/i.test(l));
    expect(cmds).toEqual(['CMD ["node", "dist/index.js"]']);
  });
});

describe('.dockerignore', () => {
  const entries = read('.dockerignore')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  test.each(['node_modules', 'dist', '.git', '.env', 'test', 'coverage', '.data', '*.log'])('excludes %s', (entry) => {
    expect(entries).toContain(entry);
  });

  test('does not exclude what the image needs', () => {
    for (const needed of ['src', 'content', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      expect(entries).not.toContain(needed);
    }
  });
});

describe('.env.example and .gitignore', () => {
  const example = read('.env.example');
  const exampleVars = new Map(
    example
      .split(/\r?\n/)
      .map((l) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  const configVars = [...read('src/config.ts').matchAll(/\btext\(\s*'([A-Z][A-Z0-9_]*)'\s*\)/g)].map((m) => m[1]);

  test('config.ts reads the settings we expect to find', () => {
    expect(configVars.length).toBeGreaterThanOrEqual(12);
  });

  test('names every setting src/config.ts reads, each with an explanation above it', () => {
    const lines = example.split(/\r?\n/);
    for (const name of new Set(configVars)) {
      expect([name, exampleVars.has(name)]).toEqual([name, true]);
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect([name, lines[at - 1]?.startsWith('# ') && lines[at - 1].length > 10]).toEqual([name, true]);
    }
  });

  test('names nothing the code does not read', () => {
    const known = new Set(configVars);
    expect([...exampleVars.keys()].filter((k) => !known.has(k))).toEqual([]);
  });

  test('holds placeholders, not secrets', () => {
    for (const [name, value] of exampleVars) {
      // Real Slack tokens are xox?-digits-digits-… ; signing secrets are 32 hex characters.
      expect([name, /^xox[abpr]-\d+-/.test(value) || /^xapp-\d-/.test(value) || /^[0-9a-f]{32}$/.test(value)]).toEqual([name, false]);
    }
  });

  test('.env is git-ignored', () => {
    const ignored = read('.gitignore')
      .split(/\r?\n/)
      .map((l) => l.trim());
    expect(ignored.some((l) => l === '.env' || l === '/.env' || l === '.env*')).toBe(true);
  });
});
