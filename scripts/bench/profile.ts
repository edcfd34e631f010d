/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the time went: self time by package / source
 * file, the top functions by self time, and inclusive time of chosen frames (each counted once per sample).
 */
import fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  byModule: Array<{ name: string; ms: number; pct: number }>;
  topFunctions: Array<{ name: string; ms: number; pct: number }>;
  inclusive: Array<{ name: string; ms: number; pct: number }>;
}

/** `node_modules/@scope/pkg/…` → `@scope/pkg`; our files → `src/…`; Node's → `node:…`; V8's → `(gc)` etc. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return functionName;
    return '(native)';
  }
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return url.replace(/^node:internal\/deps\/([^/]+).*$/, 'node:internal/deps/$1');
  const src = /\/(src|scripts)\/(.+)$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  return url;
}

function frameName(f: CallFrame): string {
  const file = f.url ? f.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\//, '').replace(/^.*\/(src|scripts)\//, '$1/') : '';
  return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
}

/**
 * `inclusiveOf`: labels → predicate on a frame; a sample counts for a label when any frame of its stack matches.
 */
export function summarizeProfile(file: string, inclusiveOf: Record<string, (f: CallFrame) => boolean> = {}, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  let total = 0;
  let idle = 0;
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    total += ms;
    if (f.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const mod = moduleOf(f.url, f.functionName);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
    const name = frameName(f);
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const labels = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      for (const [label, match] of Object.entries(inclusiveOf)) if (match(cf)) labels.add(label);
    }
    for (const label of labels) inclusive.set(label, (inclusive.get(label) ?? 0) + ms);
  }
  const busy = total - idle;
  const sorted = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, pct: (100 * ms) / busy }));
  return { totalMs: total, idleMs: idle, byModule: sorted(modules, top), topFunctions: sorted(functions, top), inclusive: sorted(inclusive, 100) };
}

export function formatProfile(title: string, s: ProfileSummary, lines = 15): string {
  const out = [`${title}: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${((100 * s.idleMs) / s.totalMs).toFixed(0)}% idle; shares of busy time:`];
  out.push('  by package/file (self time):');
  for (const m of s.byModule.slice(0, lines)) out.push(`    ${m.pct.toFixed(1).padStart(5)}%  ${m.name}`);
  out.push('  top functions (self time):');
  for (const f of s.topFunctions.slice(0, lines)) out.push(`    ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
  if (s.inclusive.length) {
    out.push('  inclusive (anything under these frames):');
    for (const f of s.inclusive) out.push(`    ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
  }
  return out.join('\n');
}
