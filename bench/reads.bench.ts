// Benchmark: the API's hot reads on a district-sized read model. BENCH_READ_CASES (default 20,000) cases of one
// program are inserted in bulk into a fresh Postgres database (applications with their case_state, the
// transitions of their timelines), the real API runs in this process on a loopback port, and autocannon, on
// a thread of its own so it does not share the API's event loop, loads each route with 50 connections for
// BENCH_READ_SECONDS (default 10) after a short warm-up, then for a few seconds on a single connection. The
// baseline is the same load on GET /health/live, which touches nothing. Run: npm run bench:reads
import { randomBytes } from 'node:crypto';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import {
  GRANT_COMPETITION_TEMPLATE,
  initialCaseState,
  createWorkingDayCalendar,
  type CaseState,
} from '@grantflow/domain';
import { chinaOfficialCalendarData } from '@grantflow/domain/calendar/china-official-calendar';
import { ApplicationEntity, dataSourceOptions, OrganizationEntity, ProgramEntity } from '@grantflow/db';
import { ApiModule } from '../apps/api/src/api.module';
import { AccessTokenService } from '../apps/api/src/auth/access-token.service';
import { configureApi } from '../apps/api/src/configure-api';
import { freePort } from '../infra/local/ports';
import {
  applicationForm,
  CATEGORIES,
  createBenchDatabase,
  envInteger,
  STREETS,
  watchMemory,
  describeMemory,
} from './support';
import type { LoadJob, LoadResult } from './load.thread';

const CASES = envInteger('BENCH_READ_CASES', 20_000);
const SECONDS = envInteger('BENCH_READ_SECONDS', 10);
const CONNECTIONS = 50;
const WARM_UP_SECONDS = 2;
const SINGLE_SECONDS = 3;
const P99_TARGET_MS = 20;
const ORGANIZATIONS = Math.max(1, Math.ceil(CASES / 10));

// Where the cases stand, as in a program that has run into delivery: each entry is a stage with its weight,
// the number of transitions a case there has recorded, and whether it carries review scores and an award.
const STAGE_MIX: { stage: string; terminal?: string; weight: number; transitions: number; phase: string }[] =
  [
    { stage: 'draft', weight: 4, transitions: 0, phase: 'draft' },
    { stage: 'withdrawn', terminal: 'withdrawn', weight: 4, transitions: 3, phase: 'withdrawn' },
    { stage: 'ineligible', terminal: 'ineligible', weight: 6, transitions: 4, phase: 'ineligible' },
    { stage: 'not_advanced', terminal: 'not_advanced', weight: 22, transitions: 8, phase: 'not_advanced' },
    { stage: 'declined', terminal: 'declined', weight: 24, transitions: 13, phase: 'declined' },
    { stage: 'agreement', weight: 5, transitions: 15, phase: 'open' },
    { stage: 'implementation', weight: 15, transitions: 20, phase: 'open' },
    { stage: 'midterm-evaluation', weight: 6, transitions: 24, phase: 'open' },
    { stage: 'implementation-continued', weight: 8, transitions: 27, phase: 'open' },
    { stage: 'closure', weight: 3, transitions: 31, phase: 'open' },
    { stage: 'closed', terminal: 'closed', weight: 3, transitions: 34, phase: 'closed' },
  ];

function stageOf(index: number): (typeof STAGE_MIX)[number] {
  const total = STAGE_MIX.reduce((sum, entry) => sum + entry.weight, 0);
  // A fixed spread over the mix so every run has the same rows.
  let roll = (index * 7919) % total;
  for (const entry of STAGE_MIX) {
    roll -= entry.weight;
    if (roll < 0) return entry;
  }
  return STAGE_MIX[STAGE_MIX.length - 1];
}

const reviewsPast = (transitions: number) => transitions >= 8;
const awarded = (stage: string) =>
  !['draft', 'withdrawn', 'ineligible', 'not_advanced', 'declined'].includes(stage);

// A case_state as the projection writes it: the engine's initial state with the facts a case at that stage has.
function caseStateFor(base: CaseState, index: number, mix: (typeof STAGE_MIX)[number]): CaseState {
  const at = new Date(Date.UTC(2026, 3, 1) + index * 60_000).toISOString();
  const state: CaseState = {
    ...base,
    stage: mix.stage,
    terminal: (mix.terminal ?? null) as CaseState['terminal'],
    phase: mix.phase,
    stageEnteredAt: at,
    stageDeadline: mix.terminal ? null : new Date(Date.parse(at) + 20 * 86_400_000).toISOString(),
    revision: 1,
    sequence: mix.transitions,
    screeningChecks: mix.transitions >= 4 ? { 'materials-complete': true, 'serves-district': true } : null,
  };
  if (reviewsPast(mix.transitions)) {
    state.reviewers = ['r-district-01', 'r-district-02', 'r-district-03'];
    state.reviews = state.reviewers.map((reviewerId, slot) => ({
      reviewerId,
      revision: 1,
      total: 60 + ((index + slot) % 35),
      scores: {
        necessity: 16,
        feasibility: 24,
        teamCapacity: 15,
        budgetReasonableness: 11,
        socialBenefit: 12,
      },
      comments: { necessity: '需求明确，服务对象清楚。', feasibility: '实施计划可行，进度安排合理。' },
    }));
  }
  if (awarded(mix.stage)) {
    state.award = {
      tier: index % 3 === 0 ? 'key_funding' : 'shortlist',
      amountFen: 2_000_000 + (index % 30) * 100_000,
    };
    state.signatures = ['applicant', 'coordinator:district'];
    state.tranches = ['first-tranche', 'second-tranche', 'final-tranche'].map((key, slot) => ({
      key,
      releasedOn: slot === 0 ? at : 'after_evaluation',
      amountFen: Math.round(state.award!.amountFen / 3),
      status: slot === 0 ? 'released' : 'pending',
    }));
    state.reports = ['progress-report', 'midterm-report'].map((key) => ({
      key,
      dueAt: at,
      remindAt: at,
      overdueAt: null,
      status: 'accepted',
      reminded: true,
      overdueNotified: false,
    }));
  }
  return state;
}

async function seed(dataSource: DataSource): Promise<{ programId: string; ids: string[] }> {
  const year = new Date().getUTCFullYear();
  const program = await dataSource.getRepository(ProgramEntity).save({
    name: '2026年社区公益创投',
    templateKey: GRANT_COMPETITION_TEMPLATE.key,
    budgetFen: 300_000_000,
    status: 'published',
    settings: { reviewerPools: {} },
    submissionClosesAt: new Date(Date.UTC(2026, 3, 30)),
    templateSnapshot: GRANT_COMPETITION_TEMPLATE,
    templateVersion: GRANT_COMPETITION_TEMPLATE.version,
    calendarSnapshot: chinaOfficialCalendarData(year, year),
    publishedAt: new Date(Date.UTC(2026, 3, 1)),
    currentStage: 'public-notice',
  } as Partial<ProgramEntity>);

  const organizations: { id: string; street: string }[] = [];
  for (let start = 0; start < ORGANIZATIONS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, ORGANIZATIONS - start) }, (_, offset) => {
      const street = STREETS[(start + offset) % STREETS.length];
      return { name: `${street}社会服务社${start + offset + 1}`, kind: 'community_filed' as const, street };
    });
    const result = await dataSource.getRepository(OrganizationEntity).insert(rows);
    rows.forEach((row, offset) =>
      organizations.push({ id: result.identifiers[offset].id as string, street: row.street }),
    );
  }

  const context = {
    applicationId: '',
    programId: program.id,
    organizationId: '',
    street: STREETS[0],
    requestedAmountFen: 0,
    template: GRANT_COMPETITION_TEMPLATE,
    calendar: createWorkingDayCalendar(chinaOfficialCalendarData(year, year)),
  };
  const base = initialCaseState(context, new Date(Date.UTC(2026, 3, 1)).toISOString(), null);
  const ids: string[] = [];
  // 500 rows a statement: each carries a form and a case_state of a few kilobytes.
  for (let start = 0; start < CASES; start += 500) {
    const rows = Array.from({ length: Math.min(500, CASES - start) }, (_, offset) => {
      const index = start + offset;
      const organization = organizations[index % organizations.length];
      const category = CATEGORIES[index % CATEGORIES.length];
      const requestedAmountFen = 2_000_000 + (index % 31) * 100_000;
      const mix = stageOf(index);
      const state = mix.stage === 'draft' ? null : caseStateFor(base, index, mix);
      return {
        programId: program.id,
        organizationId: organization.id,
        title: `社区服务项目${index + 1}`,
        category,
        street: organization.street,
        requestedAmountFen,
        form: applicationForm(index + 1, category, requestedAmountFen),
        stage: mix.stage,
        phase: mix.phase,
        terminal: mix.terminal ?? null,
        stageClosed: false,
        nextDeadlineAt: state?.stageDeadline ? new Date(state.stageDeadline) : null,
        awardTier: state?.award?.tier ?? null,
        awardedFen: state?.award?.amountFen ?? null,
        caseState: state,
        workflowId: null,
        lastTransitionSequence: mix.transitions,
        submittedAt: mix.stage === 'draft' ? null : new Date(Date.UTC(2026, 3, 1) + index * 60_000),
      };
    });
    const result = await dataSource.getRepository(ApplicationEntity).insert(rows as never);
    for (const identifier of result.identifiers) ids.push(identifier.id as string);
  }
  await dataSource.query(`UPDATE applications SET workflow_id = 'case:' || id WHERE stage <> 'draft'`);

  // Each case's timeline: one row per recorded transition, with the facts a review or a decision carries.
  await dataSource.query(
    `INSERT INTO case_transitions
       (application_id, sequence, action, from_stage, to_stage, actor_id, reason, revision, data, occurred_at,
        workflow_id, run_id)
     SELECT a.id, s,
            (ARRAY['submit','stage_closed','screen','stage_closed','reviewers_assigned','submit_review',
                   'submit_review','stage_outcome','reviewers_assigned','submit_review','submit_review',
                   'submit_review','stage_outcome'])[1 + (s - 1) % 13],
            CASE WHEN s = 1 THEN 'draft' ELSE a.stage END, a.stage,
            CASE WHEN s % 3 = 0 THEN 'r-district-0' || (s % 3 + 1) ELSE 'program' END,
            CASE WHEN s % 13 = 0 THEN '排名第 12 位，得分 83.5' ELSE NULL END,
            1,
            CASE WHEN s % 3 = 0
                 THEN jsonb_build_object('reviewerId', 'r-district-01', 'revision', 1, 'total', 80,
                        'rubricId', 'cn-100-point',
                        'scores', jsonb_build_object('necessity', 16, 'feasibility', 24, 'teamCapacity', 15),
                        'comments', jsonb_build_object('necessity', '需求明确，服务对象清楚。'))
                 ELSE jsonb_build_object('outcome', 'advanced') END,
            a.submitted_at + s * interval '1 hour', a.workflow_id, 'run-' || a.id
       FROM applications a CROSS JOIN LATERAL generate_series(1, a.last_transition_sequence) s
      WHERE a.program_id = $1`,
    [program.id],
  );
  await dataSource.query('ANALYZE');
  return { programId: program.id, ids };
}

async function startApi(
  databaseUrl: string,
): Promise<{ app: NestExpressApplication; url: string; headers: Record<string, string> }> {
  const port = await freePort();
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    // The API connects to Temporal lazily and only for commands; reads never reach it.
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    TEMPORAL_REGISTER_SEARCH_ATTRIBUTES: 'false',
    // At info every API request writes a log line; the benchmark measures the reads, not the log sink.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    NODE_ENV: 'production',
    AUTH_TOKEN_SECRET: randomBytes(48).toString('base64'),
  });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(), {
    bodyParser: false,
    logger: ['error', 'warn'],
    bufferLogs: true,
    abortOnError: false,
  });
  configureApi(app);
  await app.listen(port, '127.0.0.1');
  // Reads are measured as a district coordinator would make them: signed in, through the guard.
  const token = app
    .get(AccessTokenService)
    .sign({ sub: 'bench-reader', roles: ['coordinator:district'], orgs: [] });
  return { app, url: `http://127.0.0.1:${port}`, headers: { Authorization: `Bearer ${token}` } };
}

function loadInThread(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(join(__dirname, 'load.thread.js'), { workerData: job });
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load thread exited with code ${code}`));
    });
  });
}

// autocannon stops at its deadline with requests still queued in the API; they finish before the next
// route is measured (or the database is dropped), so no route inherits another's backlog.
const drain = () => new Promise((resolve) => setTimeout(resolve, 2000));

// One line of figures for one load.
function describeLoad(name: string, connections: number, result: LoadResult): string {
  const failed = result.errors + result.non2xx;
  return (
    `${name.padEnd(30)} ${String(connections).padStart(2)} conn  p50 ${String(result.p50).padStart(3)} ms  ` +
    `p99 ${String(result.p99).padStart(3)} ms  max ${String(result.max).padStart(4)} ms  ` +
    `${result.requestsPerSecond.toFixed(0).padStart(5)} req/s  (${result.total} requests${failed ? `, ${failed} failed` : ''})`
  );
}

// The route under the benchmark's load, after a warm-up; then on one connection, where nothing queues, so the
// difference between the two shows how much of the latency is waiting rather than work.
async function measure(
  name: string,
  url: string,
  paths: string[],
  headers?: Record<string, string>,
): Promise<LoadResult> {
  await loadInThread({ url, paths, headers, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
  await drain();
  const result = await loadInThread({ url, paths, headers, connections: CONNECTIONS, seconds: SECONDS });
  await drain();
  console.log(describeLoad(name, CONNECTIONS, result));
  const alone = await loadInThread({ url, paths, headers, connections: 1, seconds: SINGLE_SECONDS });
  await drain();
  console.log(describeLoad(name, 1, alone));
  return result;
}

async function main(): Promise<void> {
  console.log(
    `reads benchmark: ${CASES} cases, ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARM_UP_SECONDS} s warm-up`,
  );
  const database = await createBenchDatabase('reads');
  let app: NestExpressApplication | undefined;
  try {
    const seedStarted = performance.now();
    const dataSource = new DataSource({
      ...dataSourceOptions({ url: database.url, poolSize: 2 }),
      logging: false,
    });
    await dataSource.initialize();
    let programId: string;
    let ids: string[];
    try {
      ({ programId, ids } = await seed(dataSource));
      const [counts] = await dataSource.query<{ applications: number; transitions: number; mib: number }[]>(
        `SELECT (SELECT count(*)::int FROM applications) AS applications,
                (SELECT count(*)::int FROM case_transitions) AS transitions,
                (pg_total_relation_size('applications') / 1048576)::int AS mib`,
      );
      console.log(
        `seeded ${counts.applications} applications (${counts.mib} MiB with indexes and TOAST), ` +
          `${counts.transitions} transitions in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
      );
      // The stats query alone, on an idle server: what one request costs the database.
      const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN (ANALYZE, BUFFERS)
         SELECT stage, category, street, count(*)::int AS count, coalesce(sum(awarded_fen), 0)::bigint AS awarded
           FROM applications WHERE program_id = $1 GROUP BY GROUPING SETS ((stage), (category), (street), ())`,
        [programId],
      );
      const lines = plan.map((row) => row['QUERY PLAN']);
      console.log(
        `stats query alone: ${lines
          .filter((line) => /Execution Time|Scan/.test(line))
          .map((line) => line.trim())
          .join('; ')}`,
      );
    } finally {
      await dataSource.destroy();
    }

    const api = await startApi(database.url);
    app = api.app;
    // Ids are random UUIDs, so in id order the rotation jumps across the table rather than following inserts.
    const rotation = [...ids].sort((a, b) => (a < b ? -1 : 1));
    const memory = watchMemory();
    const baseline = await measure('GET /health/live (baseline)', api.url, ['/health/live']);
    const application = await measure(
      'GET /api/applications/:id',
      api.url,
      rotation.map((id) => `/api/applications/${id}`),
      api.headers,
    );
    const stats = await measure(
      'GET /api/programs/:id/stats',
      api.url,
      [`/api/programs/${programId}/stats`],
      api.headers,
    );
    console.log(`API process memory under load: ${describeMemory(memory())}`);

    for (const [name, result] of [
      ['applications/:id', application],
      ['programs/:id/stats', stats],
    ] as const) {
      console.log(
        `${name}: p99 ${result.p99} ms (target < ${P99_TARGET_MS} ms: ${result.p99 < P99_TARGET_MS ? 'met' : 'not met'}), ` +
          `${(result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} × the baseline's req/s, ` +
          `p50 ${(result.p50 - baseline.p50).toFixed(0)} ms above the baseline's`,
      );
    }
    const met = [application, stats].every((result) => result.p99 < P99_TARGET_MS);
    console.log(`target met: ${met ? 'yes' : 'no'}`);
    if (!met) process.exitCode = 1;
  } finally {
    await app?.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
