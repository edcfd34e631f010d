/**
 * Near-duplicate detection: the measure, the exact join behind it, and its calibration.
 *
 * The fixtures below were written for this test. REWORDED holds questions that restate a question of the shipped
 * bank in other words (what a second author writing "the same question" produces): each must be flagged against
 * its original and nothing else. RELATED holds pairs on neighbouring topics that must not be flagged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { listPackFiles, loadBank } from '../../src/content/bank';
import { checkBank } from '../../src/content/check';
import { runContentCheck } from '../../src/content/cli';
import {
  contentWords,
  DEFAULT_THRESHOLDS,
  findNearDuplicates,
  jaccard,
  questionWords,
  similarPairs,
  stem,
} from '../../src/content/similarity';
import type { Level } from '../../src/content/types';
import { makeTempDir, PROJECT_ROOT, removeTempDirs } from './helpers';
import { seededRandom as random } from '../support/random';

afterAll(removeTempDirs);

const CONTENT = path.join(PROJECT_ROOT, 'content');

interface FixtureQuestion {
  title: string;
  answer: string;
  level?: Level;
}

/** A pack file in the bank's format; returns its path. */
function writePack(dir: string, id: string, questions: readonly FixtureQuestion[]): string {
  const marker: Record<Level, string> = { beginner: '🟢 **Beginner**', intermediate: '🟡 **Intermediate**', advanced: '🔴 **Advanced**' };
  const body = questions.flatMap((q, k) => [
    `??? question "${k + 1}. ${q.title}"`,
    `    ${marker[q.level ?? 'intermediate']}`,
    '',
    ...q.answer
      .trim()
      .split('\n')
      .map((l) => (l.trim() === '' ? '' : `    ${l}`)),
    '',
  ]);
  const file = path.join(dir, `${id}.md`);
  fs.writeFileSync(file, ['---', `title: "${id}"`, `pack: ${id}`, '---', '', `# ${id}`, '', '## Questions', '', ...body].join('\n'));
  return file;
}


const titleScore = (a: string, b: string) => jaccard(new Set(contentWords(a)), new Set(contentWords(b)));
const answerScore = (a: FixtureQuestion, b: FixtureQuestion) =>
  jaccard(new Set(questionWords(a).answer), new Set(questionWords(b).answer));

const REWORDED: Array<[of: string, title: string, answer: string]> = [
  ['aws-devops/how-do-you-keep-container-images-small', 'Which techniques shrink a Docker image?', `
Ship only what the application needs at run time.

*   Use a **multi-stage** Dockerfile: compile in a builder stage that has the toolchain, then copy just the artefact into a slim, distroless or \`scratch\` final stage.
*   Install packages and delete their caches in the **same** \`RUN\` instruction (\`--no-install-recommends\`, \`rm -rf /var/lib/apt/lists/*\`, \`pip install --no-cache-dir\`); removing files in a later layer does not make the image smaller.
*   Add a \`.dockerignore\` so the build context leaves out \`.git\`, test data and local build output.
*   Copy dependency manifests before the source so the dependency layers stay cached.
*   Find the heavy layers with \`dive\` or \`docker history\`.

✔ **Why it matters:**
Smaller images pull and start faster, cost less to store and give vulnerability scanners fewer packages to flag.`],
  ['kubernetes/what-are-the-usual-reasons-a-pod-stays-pending', 'Why would a Pod be stuck in Pending, and how do you find out?', `
A Pending Pod has not been bound to a node yet, or it is still waiting for a volume. Run \`kubectl describe pod\` and read the events: a \`FailedScheduling\` event says why, for instance insufficient CPU or an untolerated taint.

Common causes:

*   Resource requests bigger than the free allocatable CPU or memory of every node.
*   Node selectors, affinity rules or taints that no node matches.
*   A PersistentVolumeClaim that cannot bind: no StorageClass, or the volume lives in another zone.
*   The cluster autoscaler is still provisioning a node.

💡 **Interview Tip:**
Keep scheduling failures apart from ImagePullBackOff and CrashLoopBackOff, which only happen once the Pod is on a node.`],
  ['git/what-is-the-difference-between-git-fetch-and-git-pull', 'How does git pull differ from git fetch?', `
Fetch only downloads new objects from the remote and moves remote-tracking refs such as \`origin/main\`; local branches and the working tree stay as they are. Pull runs a fetch and then integrates the upstream branch into the checked-out branch, with a merge or, if configured, a rebase.

\`\`\`bash
git fetch
git diff main origin/main
git pull --ff-only
\`\`\`

✔ **Best Practice:**
Configure \`pull.rebase\` or \`pull.ff only\` so a pull never creates an unexpected merge commit. Fetching is always safe; pulling can stop on conflicts.`],
  ['observability-sre/what-is-an-error-budget-and-how-do-you-calculate-one', 'How much downtime does a 99.9% availability target allow?', `
That allowance is the error budget: 100% minus the SLO target, the unreliability a team may spend on releases, experiments and migrations.

*   At 99.9% over a 30-day window: 0.1% of 43,200 minutes, about 43 minutes of full outage.
*   Over a week, roughly 10 minutes.
*   Counted by requests: 50 million requests a month may include 50,000 failures.

✔ **Why it matters:**
Product and operations agree in advance: ship while budget remains, switch to reliability work when it runs out.

⚠️ **Common Pitfall:**
Calendar-month windows reset abruptly on the 1st; a rolling 28- or 30-day window gives a steadier signal.`],
  ['docker/what-is-the-difference-between-cmd-and-entrypoint-and-why-prefer-the-exec-form', 'How do ENTRYPOINT and CMD combine in a Dockerfile?', `
\`ENTRYPOINT\` is the program that always starts; \`CMD\` provides its default arguments, or the complete command when no entrypoint is set. Extra arguments to \`docker run\` replace \`CMD\` and are passed to \`ENTRYPOINT\`.

\`\`\`dockerfile
ENTRYPOINT ["/app/server"]
CMD ["--listen", ":8080"]
\`\`\`

✔ **Best Practice:**
Write both in exec form (a JSON array). The shell form wraps the command in \`/bin/sh -c\`, the shell becomes PID 1 and does not forward \`SIGTERM\`, so \`docker stop\` hits its timeout and kills the app.

💡 **Interview Tip:**
An entrypoint script can prepare configuration and finish with \`exec "$@"\` to hand PID 1 to the real process.`],
  ['observability-sre/what-is-the-difference-between-an-sli-an-slo-and-an-sla', 'Explain SLA vs SLO vs SLI.', `
*   **SLI**: the measured indicator, a ratio of good events to valid events, e.g. requests answered without an error within 300 ms.
*   **SLO**: the objective for that indicator over a window, such as 99.9% across 28 days; an internal target.
*   **SLA**: the contract with customers, with penalties such as service credits when the promised level is missed.

Keep the SLA looser than the SLO so you react long before you owe money.`],
  ['system-design/what-problem-does-consistent-hashing-solve-and-why-are-virtual-nodes-used', 'Why do distributed caches use consistent hashing with virtual nodes?', `
Plain modulo placement (\`hash(key) % N\`) remaps nearly every key when a node joins or leaves, emptying the cache or shuffling all the data. Consistent hashing puts nodes and keys on a ring and gives each key to the next node clockwise, so a membership change moves only about 1/N of the keys.

*   **Virtual nodes**: every server owns many ring positions, which evens out the load and spreads a dead server's keys over all the others.
*   Bigger servers get more virtual nodes.

✔ **Where it is used:**
Dynamo-style stores such as Cassandra, memcached client sharding and ring-hash load balancing in Envoy.`],
  ['linux-networking/what-is-the-difference-between-a-hard-link-and-a-symbolic-link', 'How is a symlink different from a hard link?', `
*   **Hard link**: another directory entry pointing at the same inode; the data stays until the last link is removed. It cannot span filesystems or point at a directory.
*   **Symlink (soft link)**: a tiny file holding a path; it can point at directories or other filesystems but breaks when the target moves or is deleted.

\`\`\`bash
ln report.txt report-copy.txt
ln -s /srv/app-1.4 /srv/current
\`\`\`

✔ **Why it matters:**
Release directories are switched by repointing a symlink, and backup tools use hard links so unchanged files take no extra space.`],
  ['terraform/when-would-you-use-for-each-instead-of-count', 'Terraform count or for_each: which do you pick?', `
\`count\` gives instances numeric indexes; \`for_each\` gives them keys taken from a map or set.

Remove the middle item from a \`count\` list and every later instance shifts index, so Terraform plans to replace or destroy resources that did not change. With \`for_each\`, only the removed key is destroyed.

✔ **Best Practice:**
\`for_each\` for collections of distinct objects; \`count\` for identical copies or a conditional \`count = var.enabled ? 1 : 0\`.

⚠️ **Common Pitfall:**
\`for_each\` keys must be known during plan, so do not derive them from IDs of resources that are not created yet.`],
];


const RELATED: Array<[[title: string, answer: string], [title: string, answer: string]]> = [
  [
    ['What does a liveness probe do in Kubernetes?', `
The kubelet runs the liveness probe periodically; when it fails \`failureThreshold\` times in a row, the kubelet kills the container and restarts it according to the Pod's restart policy.

\`\`\`yaml
livenessProbe:
  httpGet: { path: /healthz, port: 8080 }
  periodSeconds: 10
  failureThreshold: 3
\`\`\`

⚠️ **Common Pitfall:**
Checking a database or another downstream service in a liveness probe: when that dependency goes down, every replica restarts in a loop and the outage gets worse. Liveness should only answer "is this process wedged?".`],
    ['What does a readiness probe do in Kubernetes?', `
A failing readiness probe removes the Pod's address from the Service's EndpointSlices, so load balancers stop sending it requests; the container keeps running and is not restarted. When the probe passes again, traffic returns.

✔ **Why it matters:**
Rolling updates wait for new Pods to become ready before removing old ones, so an honest readiness check is what makes a deploy zero-downtime. It is also the right place to report "warming up" or "draining during shutdown".

💡 **Interview Tip:**
Contrast it with liveness: readiness controls traffic, liveness controls restarts.`],
  ],
  [
    ['What does terraform plan show you?', `
\`terraform plan\` refreshes state against the real infrastructure, compares it with the configuration and prints the actions it would take: create (+), update in place (~), destroy (-) or replace (-/+). It changes nothing.

\`\`\`bash
terraform plan -out=tfplan
\`\`\`

✔ **Best Practice:**
Save the plan with \`-out\` in CI and have reviewers read it: a surprise replacement of a database is caught here, not after the fact.`],
    ['What happens when you run terraform apply?', `
Apply executes a set of changes: either a saved plan file exactly as reviewed, or a fresh plan that it asks you to confirm. It calls the provider APIs in dependency order, in parallel where it can, and writes each result to state as it goes.

⚠️ **Common Pitfall:**
Running \`apply -auto-approve\` without a saved plan in a pipeline: if someone merged another change in the meantime, what gets applied is not what was reviewed.`],
  ],
  [
    ['How does a blue/green deployment work?', `
Two complete production environments exist side by side. Blue serves users while green receives the new version and is tested; then the router, DNS record or load balancer listener switches all traffic to green at once. Blue stays up for a while so rollback is just switching back.

✔ **Why it matters:**
Instant rollback and a full test of the new version in production conditions, at the price of running double capacity during the switch and handling database schema changes that both versions can live with.`],
    ['How does a canary release limit the risk of a bad deploy?', `
A small share of real traffic, say 1% then 5% then 25%, goes to the new version while the rest stays on the old one. At each step you compare error rate and latency between canary and baseline, and promote only when they match; otherwise traffic goes back to the stable version.

💡 **Interview Tip:**
Mention automated analysis with tools such as Argo Rollouts or Flagger, and that canaries need enough traffic for the comparison to be statistically meaningful.`],
  ],
  [
    ['When do you use git rebase?', `
Rebase replays your commits on top of another base, giving a linear history without merge commits. Use it to bring a private feature branch up to date with main, or interactively (\`git rebase -i\`) to squash and reword commits before opening a pull request.

⚠️ **Common Pitfall:**
Rebasing commits that others have already pulled rewrites shared history; their next pull brings in duplicate commits. Only rebase branches nobody else builds on.`],
    ['What does git cherry-pick do, and when is it the right tool?', `
\`git cherry-pick <sha>\` applies the change introduced by one existing commit as a new commit on the current branch. It fits backporting a fix from main to a release branch, or rescuing one commit from an abandoned branch.

\`\`\`bash
git switch release/2.3
git cherry-pick -x 4f2a9c1   # -x records the original sha in the message
\`\`\`

✔ **Why it matters:**
The copy has a different sha, so Git does not know the two are the same change; cherry-picking many commits back and forth leads to confusing conflicts later.`],
  ],
  [
    ['When would you choose UDP instead of TCP?', `
UDP sends independent datagrams with no handshake, ordering, retransmission or congestion control; TCP gives a reliable, ordered byte stream at the cost of a handshake and head-of-line blocking.

Pick UDP when late data is useless or the application handles loss itself: DNS queries, VoIP and video calls, game state updates, and QUIC (HTTP/3), which builds its own reliability on top of UDP.`],
    ['How does a Layer 7 load balancer differ from a Layer 4 one?', `
A Layer 4 balancer forwards TCP or UDP connections by address and port without looking inside; it is fast and protocol-agnostic. A Layer 7 balancer terminates HTTP, so it can route by host, path or header, retry idempotent requests, add headers and terminate TLS.

✔ **Why it matters:**
Long-lived gRPC or HTTP/2 connections pin clients to one backend behind an L4 balancer; an L7 balancer spreads individual requests.`],
  ],
  [
    ['What is a Kubernetes Deployment?', `
A Deployment manages a ReplicaSet of interchangeable Pods and rolls out changes to their template gradually, keeping \`maxUnavailable\` and \`maxSurge\` within bounds. Old ReplicaSets are kept so \`kubectl rollout undo\` can go back.`],
    ['What is a Kubernetes DaemonSet?', `
A DaemonSet runs one copy of a Pod on every node, or every node matching a selector, and adds it automatically when a node joins. Typical uses are node agents: log shippers, metrics exporters, CNI plugins and storage drivers.`],
  ],
];


describe('content words', () => {
  test('stop words and question framing go, words are lightly stemmed', () => {
    expect(contentWords('What is the difference between a Deployment and a StatefulSet?')).toEqual(['deploy', 'statefulset']);
    expect(contentWords('How do you debug Pods that are stuck in Pending?')).toEqual(['debug', 'pod', 'stuck', 'pend']);
    expect(['policies', 'policy'].map(stem)).toEqual(['policy', 'policy']);
    expect(['deploy', 'deploys', 'deployed', 'deploying', 'deployment', 'deployments'].map(stem)).toEqual(Array(6).fill('deploy'));
    expect(['cache', 'caches', 'cached', 'caching'].map(stem)).toEqual(Array(4).fill('cach'));
    expect(['apply', 'status', 'process', 'k8s', 'ec2', '137'].map(stem)).toEqual(['apply', 'status', 'process', 'k8s', 'ec2', '137']);
  });

  test('answers drop fenced code, part labels and link targets; titles keep every word', () => {
    const answer = [
      'Use [multi-stage builds](https://docs.docker.com/build/building/multi-stage/).',
      '',
      '```dockerfile',
      'FROM golang:1.24 AS build',
      '```',
      '',
      '✔ **Why it matters:**',
      'Smaller images pull faster.',
      '',
      '💡 **Interview Tip:** Mention distroless.',
    ].join('\n');
    expect(questionWords({ title: 'Shrink images', answer }).answer).toEqual(['multi', 'stag', 'build', 'smaller', 'imag', 'pull', 'faster', 'mention', 'distroless']);
  });

  test('Jaccard: shared over distinct words', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBeCloseTo(0.5);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(titleScore('What is the difference between git fetch and git pull?', 'How does git pull differ from git fetch?')).toBe(1);
  });
});

describe('similarPairs is an exact join', () => {
  test('the same pairs and scores as comparing every pair, at any threshold', () => {
    const next = random(11);
    let flagged = 0;
    for (const size of [5, 40, 150]) {
      const records = Array.from({ length: size }, () => {
        const n = Math.floor(next() * 12);
        // Few distinct words, so many pairs overlap a lot.
        return Array.from({ length: n }, () => `w${Math.floor(next() * next() * 30)}`);
      });
      for (const t of [0.1, 0.3, 0.5, 0.7, 1]) {
        const expected: Array<[number, number, number]> = [];
        for (let j = 0; j < records.length; j++) {
          for (let i = 0; i < j; i++) {
            const s = jaccard(new Set(records[i]), new Set(records[j]));
            if (records[i].length > 0 && records[j].length > 0 && s >= t - 1e-9) expected.push([i, j, s]);
          }
        }
        const got = similarPairs(records, t);
        expect(got.map(([i, j]) => [i, j])).toEqual(expected.map(([i, j]) => [i, j]));
        got.forEach(([, , s], k) => expect(s).toBeCloseTo(expected[k][2], 12));
        flagged += got.length;
      }
    }
    expect(flagged).toBeGreaterThan(1000); // the fixtures do overlap
  });

  test('rejects a threshold outside (0, 1]', () => {
    expect(() => similarPairs([['a']], 0)).toThrow(/threshold/);
    expect(() => similarPairs([['a']], 1.5)).toThrow(/threshold/);
  });

  test('10,000 questions with bank-like vocabularies take seconds, not the minutes of all pairs', () => {
    // Each synthetic text draws words from a general vocabulary (the commonest word in about a third of answers,
    // as in the bank), from the vocabulary of one of 1,000 topics, and adds a few words of its own: about 50
    // distinct words per answer and 6 per title. Scoring all 50 million pairs takes over a minute.
    const next = random(1);
    const zipf = (size: number, offset: number) => {
      const cumulative = new Float64Array(size);
      let total = 0;
      for (let k = 0; k < size; k++) cumulative[k] = total += 1 / (k + 1 + offset);
      return () => {
        const x = next() * total;
        let lo = 0;
        let hi = size - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid] < x) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
    };
    const general = zipf(3000, 15);
    const topical = zipf(200, 2);
    const synth = (generalDraws: number, topicDraws: number, own: number) =>
      Array.from({ length: 10_000 }, (_, q) => {
        const topic = Math.floor(next() * 1000);
        const words: string[] = [];
        for (let k = 0; k < generalDraws; k++) words.push(`g${general()}`);
        for (let k = 0; k < topicDraws; k++) words.push(`t${topic}-${topical()}`);
        for (let k = 0; k < own; k++) words.push(`q${q}-${k}`);
        return words;
      });
    const answers = synth(30, 15, 8);
    const titles = synth(2, 3, 1);
    const started = Date.now();
    const pairs = [...similarPairs(answers, DEFAULT_THRESHOLDS.answer), ...similarPairs(titles, DEFAULT_THRESHOLDS.title)];
    const elapsed = Date.now() - started;
    expect(pairs).toEqual([]); // texts this independent are not near-duplicates
    expect(elapsed).toBeLessThan(20_000); // about 2 s on a laptop
}, 60_000);
});

describe('calibration', () => {
  test('a reworded copy of a bank question is flagged against its original, and only against it', () => {
    const dir = makeTempDir();
    const extra = writePack(dir, 'reworded', REWORDED.map(([, title, answer]) => ({ title, answer })));
    const bank = loadBank(CONTENT, [...listPackFiles(CONTENT), extra]);
    expect(bank.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const found = findNearDuplicates(bank.questions).map((d) => [d.first.id, d.second.id]);
    expect(found).toEqual(REWORDED.map(([of, title]) => [of, bank.questions.find((q) => q.pack === 'reworded' && q.title === title)!.id]));
  });

  test('the rewording is real: most copies have titles below the title threshold, so answers must catch them', () => {
    const bank = loadBank(CONTENT);
    const below = REWORDED.filter(([of, title]) => titleScore(title, bank.byId.get(of)!.title) < DEFAULT_THRESHOLDS.title);
    expect(below.length).toBeGreaterThanOrEqual(6); // so answers, not titles, must catch them
  });

  test('pairs on neighbouring topics are not flagged', () => {
    for (const [[t1, a1], [t2, a2]] of RELATED) {
      expect(titleScore(t1, t2)).toBeLessThan(DEFAULT_THRESHOLDS.title);
      expect(answerScore({ title: t1, answer: a1 }, { title: t2, answer: a2 })).toBeLessThan(DEFAULT_THRESHOLDS.answer);
    }
    const dir = makeTempDir();
    const file = writePack(dir, 'related', RELATED.flat().map(([title, answer]) => ({ title, answer })));
    expect(findNearDuplicates(loadBank(dir, [file]).questions)).toEqual([]);
  });

  test('titles that differ by one topic word stay apart; a title with one word added is caught', () => {
    expect(titleScore('How do you debug a Pod stuck in Pending?', 'How do you debug a Pod stuck in CrashLoopBackOff?')).toBeCloseTo(0.6);
    expect(titleScore('What does a liveness probe do in Kubernetes?', 'What does a readiness probe do in Kubernetes?')).toBeCloseTo(0.5);
    expect(titleScore('How do Kubernetes liveness probes work?', 'How do Kubernetes readiness probes work?')).toBeCloseTo(0.5);
    expect(titleScore('What is the difference between git fetch and git pull?', 'Explain git fetch vs git pull --rebase.')).toBeCloseTo(0.75);
    expect(DEFAULT_THRESHOLDS.title).toBeGreaterThan(0.6);
    expect(DEFAULT_THRESHOLDS.title).toBeLessThanOrEqual(0.75);
  });
});

describe('warnings', () => {
  const REPEAT = {
    title: 'How does git pull differ from git fetch?',
    answer: 'Fetch downloads commits and moves remote-tracking branches; pull fetches and then merges or rebases.',
  };

  test('within one pack and across packs, at the later question, naming the earlier one as file:line', () => {
    const dir = makeTempDir();
    const a = writePack(dir, 'alpha', [
      { title: 'What is the difference between git fetch and git pull?', answer: 'Fetch only downloads; pull also integrates.' },
      { title: 'What is a detached HEAD?', answer: 'HEAD points at a commit rather than a branch, so new commits belong to no branch.' },
      REPEAT,
    ]);
    const b = writePack(dir, 'beta', [{ title: 'Which load balancer works at Layer 7?', answer: 'One that terminates HTTP and routes by path or host.' }, REPEAT]);
    const bank = loadBank(dir);
    const lines = checkBank(bank, dir, { quality: true }).lines.filter((l) => l.includes('near-duplicate'));
    expect(lines).toEqual([
      `${a}:20: warning: near-duplicate of ${a}:10 "What is the difference between git fetch and git pull?" (title similarity 1.00)`,
      `${b}:15: warning: near-duplicate of ${a}:10 "What is the difference between git fetch and git pull?" (title similarity 1.00)`,
      `${b}:15: warning: near-duplicate of ${a}:20 "How does git pull differ from git fetch?" (title similarity 1.00, answer similarity 1.00)`,
    ]);
    expect(checkBank(bank, dir).lines.some((l) => l.includes('near-duplicate'))).toBe(false); // the bot's default
  });

  test('content:check prints them; --strict makes them errors and exits 1', () => {
    const dir = makeTempDir();
    const a = writePack(dir, 'alpha', [REPEAT]);
    const b = writePack(dir, 'beta', [REPEAT]);
    const run = (...argv: string[]) => {
      let out = '';
      const code = runContentCheck(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
      return { code, lines: out.trimEnd().split('\n') };
    };
    const dup = `near-duplicate of ${a}:10 "How does git pull differ from git fetch?" (title similarity 1.00, answer similarity 1.00)`;
    const lax = run(dir);
    expect(lax.code).toBe(0);
    expect(lax.lines).toContain(`${b}:10: warning: ${dup}`);
    const strict = run('--strict', dir);
    expect(strict.code).toBe(1);
    expect(strict.lines).toContain(`${b}:10: ${dup}`);
  });
});
