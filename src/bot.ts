import type { App, CustomRoute, HTTPReceiverOptions } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import { boltLogger, createLogger, type Logger } from './logger';
import { loadBank } from './content/bank';
import { assertBankOk } from './content/check';
import type { Pack } from './content/types';
import type { Question } from './model/question';
import { Keys } from './store/keys';
import { closeConnection, createCommandConnection, createWorkerConnection, isRedisUnavailable, waitUntilReady } from './store/redis';
import { PostStore } from './store/posts';
import { BoardStore } from './store/boards';
import { ScheduleStore } from './store/schedules';
import { PacerStore } from './store/pacer';
import { PeopleStore } from './store/people';
import { DeliveryStore } from './store/deliveries';
import { ReviewStore } from './store/reviews';
import { ReviewScheduler } from './review/scheduler';
import { ReviewDmStore } from './store/review-dms';
import { reviewDelivery, sendNow } from './review/deliver';
import { BullReviewJobs, runReviewDayJob, runReviewSendJob } from './jobs/review-jobs';
import { QuestionIndex } from './quiz/topics';
import { ChannelZones } from './quiz/zones';
import type { QuizDeps } from './quiz/deps';
import { createQueues, JOB, type ChannelJobData, type PostJobData, type Queues } from './jobs/queues';
import { BullQuizJobs, runAskJob } from './jobs/quiz-jobs';
import { startWorkers, type JobHandlers, type QuizWorkers, type WorkerOptions } from './jobs/workers';
import { checkSchedulers, WATCHDOG_EVERY_MS } from './jobs/watchdog';
import { checkRecapSchedulers, runRecapJob } from './jobs/recap-jobs';
import { registerListeners } from './listeners';
import { InFlight } from './listeners/in-flight';
import { InterviewStore } from './store/interviews';
import { HomeStore } from './store/home';
import { BullHomeRefresher, type HomeJobData } from './jobs/home-jobs';
import type { HomeDeps } from './home/deps';
import { publishHome } from './home/publish';
import { InterviewService } from './interview/service';
import { BullInterviewJobs, runInterviewTimeout } from './jobs/interview-jobs';
import { runQuestionOfTheDay } from './quiz/qotd';
import { revealAnswer, revealSettled } from './quiz/reveal';
import { refreshTally } from './quiz/tally';
import { webClientPort } from './slack/port';
import { checkBotToken } from './slack/start-check';
import { JOB_CLIENT, LISTENER_CLIENT } from './slack/clients';
import { InstallationRecords } from './store/installations';
import { TokenKeyring } from './store/token-crypto';
import { installedTeamsSlack, NO_APP_INSTALLS, oneWorkspaceSlack, redisAppInstalls, redisInstallationStore, type AppInstalls, type TeamSlack } from './slack/installations';
import { jobInstaller, receiverOAuth } from './slack/oauth';
import { teamJob } from './jobs/team-slack';
import { BullTeamJobs, runForgetTeamJob } from './jobs/team-jobs';
import { teamTokenRefused, type TeamForgetDeps } from './quiz/forget-team';
import { TeamDataStore } from './store/team-data';
import { BotMetrics } from './ops/metrics';
import { livenessRoute, startHealthServer, type HealthChecks } from './ops/health';
import { createSlackApp, startSlackApp } from './slack/receiver';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The bank failed its checks: the bot refuses to start, with the same lines as `content:check`. */
export { ContentCheckError as ContentError } from './content/check';

export interface BotOptions {
  logger?: Logger;
  /** Extra HTTP routes on the Slack port, beside /slack/events and /healthz (the playground's page). */
  customRoutes?: CustomRoute[];
  /** The interface both HTTP servers listen on (default: every interface; the playground: 127.0.0.1). */
  host?: string;
  /** Job worker settings: the rate of questions of the day, the worker's name, lock timing (see WorkerOptions). */
  workers?: Pick<WorkerOptions, 'name' | 'lockDuration' | 'stalledInterval'>;
  /** How long shutdown lets running jobs finish (default 8 s, inside a 10 s orchestrator grace). */
  shutdownGraceMs?: number;
  /** The rules' clock (default: the system's). The playground's ⏩ Next day moves it a day on; BullMQ keeps real time. */
  now?: () => Date;
}

export interface Bot {
  config: Config;
  logger: Logger;
  deps: QuizDeps;
  metrics: BotMetrics;
  redis: Redis;
  queues: Queues;
  app: App | null;
  workers: QuizWorkers | null;
  /** Distribution mode's installations (list, delete a team's); null with one workspace (SLACK_BOT_TOKEN). */
  installations: InstallationRecords | null;
  /** The port the HTTP receiver listens on (0 when none). */
  port: number;
  /** The port of /healthz, /readyz and /metrics (HEALTH_PORT). */
  healthPort: number;
  stop(): Promise<void>;
}

/** Loads the bank; throws ContentError (the `content:check` lines) on any error. */
export function loadQuestions(dir: string): { packs: Pack[]; questions: Question[] } {
  const bank = loadBank(dir);
  assertBankOk(bank, dir);
  return bank;
}

/**
 * Builds and starts the bot for its role: Slack listeners (`web`), job workers (`worker`),
 * or both (`all`). Only wiring lives here; the rules are in quiz/, the Slack surface in listeners/.
 */
export async function startBot(config: Config, options: BotOptions = {}): Promise<Bot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const { packs, questions } = loadQuestions(config.contentDir);
  logger.info({ packs: packs.length, questions: questions.length }, 'question bank loaded');
  // The token before anything touches Redis (queues write their metadata as they are created): a start that Slack
  // refuses, or cannot be reached for, leaves no keys behind. Distribution mode has no token to check.
  if (!config.oauth) await checkBotToken(config, logger);

  const redis = createCommandConnection(config.redisUrl);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await waitUntilReady(redis);

  const keys = new Keys(config.keyPrefix);
  const queueConnection = createCommandConnection(config.redisUrl);
  queueConnection.on('error', () => undefined);
  const queues = createQueues(queueConnection, keys.queuePrefix);
  const metrics = new BotMetrics([queues.qotd, queues.tasks]);
  let slackAuthOk = config.oauth !== null;
  const checks: HealthChecks = { redis, slackAuthOk: () => slackAuthOk, registry: metrics.registry };
  const quizJobs = new BullQuizJobs(queues);
  const now = options.now ?? (() => new Date());
  const schedules = new ScheduleStore(redis, keys);
  const questionsById = new Map(questions.map((q) => [q.id, q]));
  const homeStore = new HomeStore(redis, keys);
  const homeRefresher = new BullHomeRefresher(queues.tasks, homeStore, logger);
  const reviewDms = new ReviewDmStore(redis, keys);
  const reviewJobs = new BullReviewJobs(queues.tasks);
  const deps: QuizDeps = {
    questions: questionsById,
    index: new QuestionIndex(questions, new Map(packs.map((p) => [p.id, p.tags]))),
    posts: new PostStore(redis, keys),
    boards: new BoardStore(redis, keys),
    schedules,
    zones: new ChannelZones(schedules, now),
    people: new PeopleStore(redis, keys),
    review: {
      store: new ReviewStore(redis, keys, config.review.horizonDays),
      scheduler: new ReviewScheduler(config.review.horizonDays),
      questions: questionsById,
      delivery: reviewDelivery({ dms: reviewDms, jobs: reviewJobs, now }),
      home: homeRefresher,
      logger,
      now,
    },
    reviewDms,
    deliveries: new DeliveryStore(redis, keys),
    jobs: quizJobs,
    admins: config.admins,
    logger,
    metrics,
    now,
    storeUnavailable: (error) => isRedisUnavailable(redis, error),
  };
  const reportSlackError = metrics.slackError.bind(metrics);
  const interviewStore = new InterviewStore(redis, keys);
  const interviews = new InterviewService({ quiz: deps, review: deps.review, store: interviewStore, jobs: new BullInterviewJobs(queues.tasks), home: homeRefresher });
  const home: HomeDeps = {
    questions: questionsById,
    boards: deps.boards,
    review: deps.review,
    interviews: interviewStore,
    store: homeStore,
    deliverNow: (team, user, at) => sendNow({ review: deps.review, dms: reviewDms, jobs: reviewJobs }, team, user, at),
    logger,
    storeUnavailable: deps.storeUnavailable,
    now,
  };

  let workers: QuizWorkers | null = null;
  let workerConnection: Redis | null = null;
  const access = slackAccess(config, redis, keys, logger, reportSlackError);
  // A workspace the app left is forgotten: the uninstall listeners start it, a job does it (jobs/team-jobs.ts).
  const uninstalls: TeamForgetDeps = { installs: access.installs, jobs: new BullTeamJobs([queues.qotd, queues.tasks], queues.tasks, redis), data: new TeamDataStore(redis, keys), logger };
  // So does a job whose token Slack refuses, in distribution mode (one workspace's token is the operator's to fix).
  if (config.oauth) access.teams.tokenRefused = (team, code) => teamTokenRefused(uninstalls, team, code);
  if (config.role !== 'web') {
    if (config.role === 'worker') slackAuthOk = true; // checked above, before Redis
    workerConnection = createWorkerConnection(config.redisUrl);
    workerConnection.on('error', () => undefined);
    // Every job the workers run, by name: each a thin call into the rules, those that post with their team's client.
    const handlers: JobHandlers = {
      qotd: teamJob(access.teams, async (job, _token, slack) => {
        const data = job.data as ChannelJobData;
        const scheduledAt = new Date(job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0));
        const outcome = await runQuestionOfTheDay(deps, slack, { team: data.team, channel: data.channel, scheduledAt, attempt: job.id ?? '' });
        logger.info({ job: job.id, channel: data.channel, outcome }, 'question of the day');
        return outcome;
      }),
      tasks: {
        [JOB.reveal]: teamJob(access.teams, async (job, _token, slack) => {
          const outcome = await revealAnswer(deps, slack, { team: job.data.team, channel: job.data.channel, ts: job.data.postTs, by: 'auto' });
          // Another post still under way, or one whose fate was lost: BullMQ's later attempts settle it.
          if (!revealSettled(outcome)) throw new Error(`reveal not settled yet (${outcome.status})`);
          return outcome;
        }),
        [JOB.tally]: teamJob(access.teams, (job, _token, slack) => refreshTally(deps, slack, job.data as PostJobData)),
        [JOB.ask]: teamJob(access.teams, (job, _token, slack) => runAskJob(deps, slack, job, logger)),
        [JOB.watchdog]: async () => ({ ...(await checkSchedulers(queues.qotd, deps.schedules, quizJobs)), recaps: await checkRecapSchedulers(queues.tasks, deps.schedules, quizJobs) }),
        [JOB.recap]: teamJob(access.teams, (job, _token, slack) => runRecapJob(deps, slack, job, logger)),
        [JOB.interviewTimeout]: teamJob(access.teams, (job, token, slack) => runInterviewTimeout(interviews, job, token, slack)),
        [JOB.homeRefresh]: teamJob(access.teams, (job, _token, slack) => publishHome(home, slack, job.data as HomeJobData)),
        [JOB.reviewDay]: (job) => runReviewDayJob({ review: deps.review, dms: reviewDms, jobs: reviewJobs }, job, logger),
        [JOB.reviewSend]: teamJob(access.teams, (job, _token, slack) => runReviewSendJob({ review: deps.review, dms: reviewDms }, slack, job, logger)),
        [JOB.forgetTeam]: (job) => runForgetTeamJob(uninstalls, job),
      },
    };
    const pacer = new PacerStore(workerConnection, keys, config.pace);
    workers = startWorkers(handlers, { connection: workerConnection, prefix: keys.queuePrefix, logger, metrics, pacer, ...options.workers });
    await quizJobs.ensureWatchdog(WATCHDOG_EVERY_MS);
  }

  let app: App | null = null;
  let port = 0;
  const inFlight = new InFlight();
  if (config.role !== 'worker') {
    app = createSlackApp(config, logger, [livenessRoute(), ...(options.customRoutes ?? [])], access.receiverOAuth);
    await app.init(); // one workspace: runs auth.test, so a bad token stops the start here
    slackAuthOk = true;
    app.use(inFlight.middleware);
    registerListeners(app, deps, interviews, uninstalls, home);
    port = await startSlackApp(app, config, options.host);
    logger.info({ mode: config.slack.appToken ? 'socket' : 'http', port }, 'slack listeners started');
  }

  // Readiness and metrics are private, in every mode: a server of their own on HEALTH_PORT.
  const healthServer: Server = await startHealthServer(config.healthPort, checks, { limits: config.http, host: options.host });
  const healthPort = (healthServer.address() as AddressInfo).port;
  logger.info({ port: healthPort }, 'health and metrics server started');

  return {
    config,
    logger,
    deps,
    metrics,
    redis,
    queues,
    app,
    workers,
    installations: access.records,
    port,
    healthPort,
    async stop() {
      // Order matters: stop taking requests, let running listener work and jobs finish, then close Redis.
      if (app) await app.stop().catch((err: Error) => logger.warn({ err: err.message }, 'app stop failed'));
      if (healthServer) await new Promise((resolve) => healthServer!.close(resolve));
      const graceMs = options.shutdownGraceMs ?? 8000;
      const [listenersDone] = await Promise.all([inFlight.settled(graceMs), workers?.close(graceMs)]);
      if (!listenersDone) logger.warn({ graceMs, running: inFlight.size }, 'listener work still running at shutdown');
      await queues.close();
      await Promise.all([redis, queueConnection, workerConnection].map((c) => c && closeConnection(c)));
    },
  };
}

/**
 * How the bot reaches Slack for each team. One workspace: the jobs' client with SLACK_BOT_TOKEN. Distribution mode:
 * installations in Redis (sealed with SLACK_TOKEN_KEY), Bolt's OAuth on the HTTP receiver, and jobs that ask the
 * installer for their team's token on every run.
 */
function slackAccess(config: Config, redis: Redis, keys: Keys, logger: Logger, onError: (method: string, code: string) => void): {
  teams: TeamSlack;
  installs: AppInstalls;
  records: InstallationRecords | null;
  receiverOAuth: Partial<HTTPReceiverOptions> | undefined;
} {
  // Jobs get their own clients without the Web API's 30-minute retry loop: BullMQ retries instead.
  const jobClient = (token: string | undefined, team?: string) =>
    new WebClient(token, { slackApiUrl: config.slack.apiUrl, ...JOB_CLIENT, logger: boltLogger(logger), ...(team ? { teamId: team } : {}) });
  const port = (client: WebClient) => webClientPort(client, onError);
  if (!config.oauth) {
    return { teams: oneWorkspaceSlack(port(jobClient(config.slack.botToken))), installs: NO_APP_INSTALLS, records: null, receiverOAuth: undefined };
  }
  const records = new InstallationRecords(redis, keys, new TokenKeyring(config.oauth.tokenKeys));
  const store = redisInstallationStore(records);
  const installer = jobInstaller(config.oauth, store, config.slack.apiUrl, JOB_CLIENT, logger);
  return {
    teams: installedTeamsSlack({ records, authorize: (source) => installer.authorize(source), port, client: jobClient }),
    installs: redisAppInstalls(records),
    records,
    receiverOAuth: receiverOAuth(config.oauth, store, config.slack.apiUrl, LISTENER_CLIENT, logger),
  };
}
