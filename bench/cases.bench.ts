// Benchmark: the case engine end to end. A local Temporal dev server, a fresh Postgres database and the real
// worker in this process carry BENCH_CASES (default 2,000) applications of one published grant program
// through submit → screening → street review (2 reviewers) → district review (3 reviewers) → the
// program's allocation, sending the same updates the API sends with BENCH_CONCURRENCY (default 50) in flight.
// The ceiling is a bare workflow that takes the same number of updates and runs the same number of (no-op)
// activities through the same server and SDK settings. Run: npm run bench:cases
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '@grantflow/config';
import {
  CASE_WORKFLOW_TYPE,
  caseActionUpdate,
  caseWorkflowId,
  CategoryAttribute,
  OrganizationIdAttribute,
  programActionUpdate,
  ProgramIdAttribute,
  programWorkflowId,
  StageAttribute,
  StreetAttribute,
  TemplateAttribute,
  type Actor,
  type CaseActionRequest,
  type CaseWorkflow,
  type ProgramActionRequest,
} from '@grantflow/contracts';
import {
  ApplicationEntity,
  dataSourceOptions,
  ExpertEntity,
  OrganizationEntity,
  ProgramEventEntity,
} from '@grantflow/db';
import {
  bundleWorkflows,
  installTemporalRuntimeLogging,
  registerSearchAttributes,
  type TemporalSettings,
} from '@grantflow/temporal';
import { ApiModule } from '../apps/api/src/api.module';
import { ProgramsService } from '../apps/api/src/programs/programs.service';
import type { CreateProgramDto } from '../apps/api/src/programs/dto/create-program.dto';
import type { UpdateProgramDto } from '../apps/api/src/programs/dto/update-program.dto';
import { createGrantflowWorker } from '../apps/worker/src/create-worker';
import { freePort } from '../infra/local/ports';
import { startTemporalDevServer, type DevServer } from '../infra/local/temporal-dev-server';
import {
  CEILING_WORKFLOW_TYPE,
  ceilingUpdate,
  type CeilingActivities,
  type CeilingWorkflowInput,
} from './ceiling.workflow';
import {
  applicationForm,
  CATEGORIES,
  createBenchDatabase,
  describeMemory,
  envInteger,
  inPool,
  STREETS,
  waitFor,
  watchMemory,
} from './support';

const CASES = envInteger('BENCH_CASES', 2_000);
const CONCURRENCY = envInteger('BENCH_CONCURRENCY', 50);
const RATIO_TARGET = 0.6;
const ORGANIZATIONS = Math.max(1, Math.ceil(CASES / 5));
// Enough experts, each taking up to EXPERT_LOAD cases of the program, for 2 street and 3 district reviews a case.
const EXPERT_LOAD = 100;
const STREET_REVIEWERS = Array.from(
  { length: Math.ceil((CASES * 2 * 1.2) / EXPERT_LOAD) },
  (_, i) => `r-street-${String(i + 1).padStart(3, '0')}`,
);
const DISTRICT_REVIEWERS = Array.from(
  { length: Math.ceil((CASES * 3 * 1.2) / EXPERT_LOAD) },
  (_, i) => `r-district-${String(i + 1).padStart(3, '0')}`,
);
// A program step (fan-out of notices to every case, then its barrier) has this long before the run fails.
const STEP_TIMEOUT_MS = 5 * 60_000;
const STAGES = {
  solicitation: 'solicitation',
  screening: 'eligibility-screening',
  streetReview: 'street-review',
  districtReview: 'district-review',
  decision: 'decision',
  publicNotice: 'public-notice',
} as const;

const { EventType } = temporal.api.enums.v1;

const district: Actor = { userId: 'district-1', roles: ['coordinator:district'] };
const streetCoordinator = (street: string): Actor => ({
  userId: `street-${street}`,
  roles: ['coordinator:street'],
  scope: street,
});
const reviewer = (userId: string): Actor => ({ userId, roles: ['reviewer'] });

interface Draft {
  id: string;
  index: number;
  organizationId: string;
  street: string;
  category: string;
  requestedAmountFen: number;
}

interface Phase {
  name: string;
  updates: number;
  failures: number;
  driveSeconds: number;
  settleSeconds: number;
}

/** What one workflow did during the timed part, read back from its history. */
interface WorkflowWork {
  updates: number;
  activities: number;
  activityTypes: Map<string, number>;
  activityAttempts: number;
}

// One in twenty fails each review (a street score below the EU thresholds, a district total below 60), so
// both ranking steps have cases to drop, as real rounds do.
const failsStreetReview = (draft: Draft) => draft.index % 20 === 7;
const failsDistrictReview = (draft: Draft) => draft.index % 20 === 13;

// Every reviewer of a case gives the same scores: a disagreement would send the case to an extra reviewer or a
// consensus step, which the benchmark does not drive.
function streetSheet(draft: Draft) {
  if (failsStreetReview(draft)) {
    return {
      scores: { excellence: 2, impact: 2.5, implementation: 2 },
      comments: { excellence: '需求分析不充分', impact: '受益面小', implementation: '计划不可行' },
    };
  }
  const score = 3.5 + (draft.index % 4) * 0.5;
  return { scores: { excellence: score, impact: score, implementation: 4 }, comments: {} };
}

function districtSheet(draft: Draft) {
  const share = failsDistrictReview(draft) ? 0.5 : 0.65 + ((draft.index * 7) % 30) / 100;
  return {
    scores: {
      necessity: Math.round(20 * share),
      feasibility: Math.round(30 * share),
      teamCapacity: Math.round(20 * share),
      budgetReasonableness: Math.round(15 * share),
      socialBenefit: Math.round(15 * share),
    },
    comments: {},
  };
}

const seconds = (fromMs: number, toMs = performance.now()) => (toMs - fromMs) / 1000;
const perSecond = (count: number, elapsedSeconds: number) => (count / elapsedSeconds).toFixed(1);

async function main(): Promise<void> {
  // The SDK logs worker start and stop at INFO; a benchmark shows warnings and errors only.
  installTemporalRuntimeLogging('warn', ({ level, message }) =>
    process.stderr.write(`[temporal ${level}] ${message}\n`),
  );
  console.log(`cases benchmark: ${CASES} cases, ${CONCURRENCY} updates in flight`);

  const setupStarted = performance.now();
  let devServer: DevServer | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  const closers: (() => Promise<void>)[] = [];
  try {
    const [server, db, engineBundle, ceilingBundle] = await Promise.all([
      freePort().then((port) => startTemporalDevServer({ port })),
      createBenchDatabase('cases'),
      bundleWorkflows(),
      bundleWorkflowCode({
        workflowsPath: require.resolve('./ceiling.workflow'),
        logger: new DefaultLogger('WARN'),
      }),
    ]);
    devServer = server;
    database = db;

    // The worker's settings come from the environment exactly as `npm start` reads them (pool size, cache).
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_TASK_QUEUE: 'bench-cases',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    const environment = validateEnvironment(process.env);
    const settings: TemporalSettings = {
      address: environment.TEMPORAL_ADDRESS,
      namespace: environment.TEMPORAL_NAMESPACE,
      taskQueue: environment.TEMPORAL_TASK_QUEUE,
      tls: false,
    };

    const dataSource = new DataSource(
      dataSourceOptions({
        url: database.url,
        poolSize: environment.DATABASE_POOL_SIZE,
        applicationName: 'bench',
      }),
    );
    await dataSource.initialize();
    closers.push(() => dataSource.destroy());
    const connection = await Connection.connect({ address: settings.address });
    closers.push(() => connection.close());
    await registerSearchAttributes(connection, settings.namespace);
    const client = new Client({ connection, namespace: settings.namespace });

    const workerConnection = await NativeConnection.connect({ address: settings.address });
    closers.push(() => workerConnection.close());
    const workerLimits = {
      // A program step (stage closed, reviewers assigned, outcomes) visits every case in turn, so an LRU cache
      // smaller than the program evicts each case just before its next visit and every workflow task replays the
      // whole history (2,000 cases with the default 1,000 took 24 minutes, ceiling alike). Unless the variable
      // is set, both workers get a cache that holds every workflow of the run.
      maxCachedWorkflows: process.env.WORKER_MAX_CACHED_WORKFLOWS
        ? environment.WORKER_MAX_CACHED_WORKFLOWS
        : CASES + 100,
      maxConcurrentActivityTaskExecutions: environment.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: environment.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    };
    const engineWorker = await createGrantflowWorker({
      connection: workerConnection,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
      dataSource,
      temporalClient: client,
      workflowBundleCode: engineBundle,
      ...workerLimits,
    });
    const engineRunning = engineWorker.run();

    // The API's own module wiring (no HTTP server): its ProgramsService creates and publishes the program.
    const api = await NestFactory.createApplicationContext(ApiModule.forRoot(), {
      logger: ['error', 'warn'],
    });
    closers.push(() => api.close());
    const programs = api.get(ProgramsService);
    const created = await programs.create({
      name: '2026年社区公益创投（基准测试）',
      templateKey: 'grant-competition',
      // Roughly ¥12,000 per application: the key-funding tier and part of the shortlist are funded, the rest
      // are declined for budget, as in the source district.
      budgetFen: CASES * 1_200_000,
      // Far enough ahead that the window never closes by itself; the coordinator closes it below.
      submissionClosesAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      // Durations in working days, not the test-sized seconds: a test-sized review stage ends, and its reviews
      // fall due and go to alternates, long before 2,000 cases are reviewed.
      testSized: false,
    } as CreateProgramDto);
    await programs.update(created.id, {
      reviewerPools: { [STAGES.streetReview]: STREET_REVIEWERS, [STAGES.districtReview]: DISTRICT_REVIEWERS },
    } as UpdateProgramDto);
    const program = await programs.publish(created.id);
    const template = program.templateSnapshot!;

    // The expert registry, organizations and drafts are set-up, not engine work: inserted in bulk.
    await insertInChunks(
      dataSource,
      ExpertEntity,
      [
        ...STREET_REVIEWERS.map((id, index) => ({
          id,
          level: 'street' as const,
          street: STREETS[index % STREETS.length],
        })),
        ...DISTRICT_REVIEWERS.map((id) => ({ id, level: 'district' as const, street: null })),
      ].map((expert, index) => ({
        ...expert,
        name: `专家${expert.id}`,
        expertise: [CATEGORIES[index % CATEGORIES.length]],
        maxLoadPerProgram: EXPERT_LOAD,
      })),
    );
    // Organizations and drafts.
    const organizations = await insertInChunks(
      dataSource,
      OrganizationEntity,
      Array.from({ length: ORGANIZATIONS }, (_, index) => ({
        name: `${STREETS[index % STREETS.length]}社会服务社${index + 1}`,
        kind: 'community_filed' as const,
        street: STREETS[index % STREETS.length],
        community: `${STREETS[index % STREETS.length]}第${(index % 9) + 1}社区`,
      })),
    );
    const draftRows = Array.from({ length: CASES }, (_, index) => {
      const organization = organizations[index % organizations.length];
      const category = CATEGORIES[index % CATEGORIES.length];
      const requestedAmountFen = 2_000_000 + (index % 31) * 100_000;
      return {
        programId: program.id,
        organizationId: organization.id,
        title: `社区服务项目${index + 1}`,
        category,
        street: organization.street,
        requestedAmountFen,
        form: applicationForm(index + 1, category, requestedAmountFen),
      };
    });
    const inserted = await insertInChunks(dataSource, ApplicationEntity, draftRows);
    const drafts: Draft[] = inserted.map((row, index) => ({
      id: row.id,
      index,
      organizationId: draftRows[index].organizationId,
      street: draftRows[index].street,
      category: draftRows[index].category,
      requestedAmountFen: draftRows[index].requestedAmountFen,
    }));
    // The program workflow's first steps (loading its plan, opening the window) are not part of the timed part.
    await waitFor(
      'the program to open its submission window',
      async () =>
        (await dataSource.getRepository(ProgramEventEntity).countBy({
          programId: program.id,
          action: 'stage_opened',
        })) > 0,
      60_000,
    );
    console.log(
      `setup: ${seconds(setupStarted).toFixed(1)} s (dev server, database, bundles, program, drafts)`,
    );

    // ---- Timed part: the engine ----
    const programHandle = client.workflow.getHandle(programWorkflowId(program.id));
    const phases: Phase[] = [];
    let programUpdates = 0;
    const programAction = async (action: ProgramActionRequest['action'], stageKey: string) => {
      programUpdates += 1;
      await programHandle.executeUpdate(programActionUpdate, {
        args: [{ actor: district, action, stageKey }],
        updateId: `${action}:${stageKey}:bench`,
      });
    };
    const closeStage = (stageKey: string) => programAction('close_stage', stageKey);
    const programEvents = (action: string) =>
      dataSource.getRepository(ProgramEventEntity).countBy({ programId: program.id, action });
    const runPhase = async (
      name: string,
      updates: number,
      drive: () => Promise<unknown[]>,
      settle: () => Promise<void>,
    ) => {
      const driveStarted = performance.now();
      const failures = await drive();
      const settleStarted = performance.now();
      if (failures.length > 0)
        console.log(`${name}: ${failures.length} updates failed, first: ${String(failures[0])}`);
      await settle();
      phases.push({
        name,
        updates,
        failures: failures.length,
        driveSeconds: seconds(driveStarted, settleStarted),
        settleSeconds: seconds(settleStarted),
      });
    };
    const act = (draft: Draft, request: CaseActionRequest, updateId: string) =>
      client.workflow.getHandle(caseWorkflowId(draft.id)).executeUpdate(caseActionUpdate, {
        args: [request],
        updateId,
      });
    const waitForStage = (stageKey: string) =>
      waitFor(
        `the program to reach ${stageKey}`,
        async () => (await programStage(dataSource, program.id)) === stageKey,
        STEP_TIMEOUT_MS,
      );
    const inStage = (stageKey: string) => casesIn(dataSource, program.id, stageKey);

    const memoryOfEngine = watchMemory();
    const transitionsBefore = await countTransitions(dataSource);
    const startedAtMs = Date.now();
    const started = performance.now();

    // Submit: update-with-start, exactly as ApplicationsService.submit builds it.
    await runPhase(
      'submit',
      drafts.length,
      () =>
        inPool(drafts, CONCURRENCY, async (draft) => {
          const startCase = new WithStartWorkflowOperation<CaseWorkflow>(CASE_WORKFLOW_TYPE, {
            workflowId: caseWorkflowId(draft.id),
            taskQueue: settings.taskQueue,
            args: [
              {
                applicationId: draft.id,
                programId: program.id,
                organizationId: draft.organizationId,
                category: draft.category,
                street: draft.street,
                requestedAmountFen: draft.requestedAmountFen,
                template,
                calendar: program.calendarSnapshot!,
                windowClosesAt: program.submissionClosesAt?.toISOString() ?? null,
              },
            ],
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
            typedSearchAttributes: [
              { key: ProgramIdAttribute, value: program.id },
              { key: TemplateAttribute, value: `${template.key}@${template.version}` },
              { key: StageAttribute, value: template.stages[0].key },
              { key: CategoryAttribute, value: draft.category },
              { key: StreetAttribute, value: draft.street },
              { key: OrganizationIdAttribute, value: draft.organizationId },
            ],
          });
          await client.workflow.executeUpdateWithStart(caseActionUpdate, {
            args: [
              {
                action: 'submit',
                actor: {
                  userId: `user-${draft.organizationId}`,
                  roles: ['applicant'],
                  organizationId: draft.organizationId,
                },
                revision: 1,
              },
            ],
            updateId: `submit:bench-${draft.id}`,
            startWorkflowOperation: startCase,
          });
        }),
      async () => {
        await closeStage(STAGES.solicitation);
        await waitForStage(STAGES.screening);
      },
    );

    await runPhase(
      'screen',
      drafts.length,
      () =>
        inPool(drafts, CONCURRENCY, async (draft) => {
          await act(
            draft,
            {
              action: 'screen',
              actor: streetCoordinator(draft.street),
              decision: 'eligible',
              checks: Object.fromEntries(
                (
                  template.stages.find((stage) => stage.key === STAGES.screening)!.settings as {
                    checklist: { key: string }[];
                  }
                ).checklist.map((check) => [check.key, true]),
              ),
            },
            `screen:bench-${draft.id}`,
          );
        }),
      async () => {
        await closeStage(STAGES.screening);
        await waitForStage(STAGES.streetReview);
        await waitForAssignment(dataSource, program.id, STAGES.streetReview);
      },
    );

    const byId = new Map(drafts.map((draft) => [draft.id, draft]));
    const reviewsOf = async (stageKey: string) =>
      (await inStage(stageKey)).flatMap(({ id, reviewers }) =>
        reviewers.map((reviewerId) => ({ draft: byId.get(id)!, reviewerId })),
      );
    const streetReviews = await reviewsOf(STAGES.streetReview);
    await runPhase(
      'street review',
      streetReviews.length,
      () =>
        inPool(streetReviews, CONCURRENCY, async ({ draft, reviewerId }) => {
          await act(
            draft,
            { action: 'submit_review', actor: reviewer(reviewerId), ...streetSheet(draft) },
            `submit_review:bench-${draft.id}-${reviewerId}`,
          );
        }),
      async () => {
        await closeStage(STAGES.streetReview);
        await waitForStage(STAGES.districtReview);
        await waitForAssignment(dataSource, program.id, STAGES.districtReview);
      },
    );

    const districtReviews = await reviewsOf(STAGES.districtReview);
    await runPhase(
      'district review',
      districtReviews.length,
      () =>
        inPool(districtReviews, CONCURRENCY, async ({ draft, reviewerId }) => {
          await act(
            draft,
            { action: 'submit_review', actor: reviewer(reviewerId), ...districtSheet(draft) },
            `submit_review:bench-${draft.id}-${reviewerId}`,
          );
        }),
      async () => {
        await closeStage(STAGES.districtReview);
        await waitForStage(STAGES.decision);
      },
    );

    // The decision is the program's allocation: the coordinator closes the stage and the program funds by rank.
    await runPhase(
      'decision',
      0,
      async () => [],
      async () => {
        await closeStage(STAGES.decision);
        // With award confirmation the allocation is first a proposal that a coordinator confirms.
        await waitFor(
          'the award proposal or the public notice',
          async () =>
            (await programEvents('awards_proposed')) > 0 ||
            (await programStage(dataSource, program.id)) === STAGES.publicNotice,
          STEP_TIMEOUT_MS,
        );
        if ((await programEvents('awards_proposed')) > 0)
          await programAction('confirm_awards' as ProgramActionRequest['action'], STAGES.decision);
        await waitForStage(STAGES.publicNotice);
      },
    );

    const engineSeconds = seconds(started);
    const endedAtMs = Date.now();
    const engineMemory = memoryOfEngine();
    const transitions = (await countTransitions(dataSource, new Date(endedAtMs))) - transitionsBefore;
    const outcomes = await outcomesOf(dataSource, program.id);

    // Later stages (public notice, agreements) would go on in the background and share the machine with the
    // ceiling; the engine worker stops here.
    engineWorker.shutdown();
    await engineRunning;

    // What the engine did, read from the histories: updates accepted and activities scheduled in the timed part.
    const workflowIds = [programWorkflowId(program.id), ...drafts.map((draft) => caseWorkflowId(draft.id))];
    const work = new Map<string, WorkflowWork>();
    const historyErrors = await inPool(workflowIds, CONCURRENCY, async (workflowId) => {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      work.set(workflowId, workDuring(history, startedAtMs, endedAtMs));
    });
    if (historyErrors.length > 0) throw historyErrors[0];
    const engineUpdates = sum([...work.values()].map((entry) => entry.updates));
    const engineActivities = sum([...work.values()].map((entry) => entry.activities));
    const activityTypes = new Map<string, number>();
    for (const entry of work.values())
      for (const [type, count] of entry.activityTypes)
        activityTypes.set(type, (activityTypes.get(type) ?? 0) + count);
    const attempts = sum([...work.values()].map((entry) => entry.activityAttempts));
    const sentUpdates = sum(phases.map((phase) => phase.updates)) + programUpdates;

    // ---- Ceiling: the same updates and activities through a bare workflow ----
    const ceilingQueue = 'bench-ceiling';
    const ceilingWorker = await Worker.create({
      connection: workerConnection,
      namespace: settings.namespace,
      taskQueue: ceilingQueue,
      workflowBundle: ceilingBundle,
      activities: { noop: async () => undefined } satisfies CeilingActivities,
      ...workerLimits,
      shutdownGraceTime: '10 seconds',
    });
    const ceilingRunning = ceilingWorker.run();
    // One ceiling workflow per engine workflow, each with that workflow's updates and activities; an update
    // runs its workflow's activities spread evenly over its updates, one after another.
    const plans = [...work.values()]
      .filter((entry) => entry.updates > 0)
      .map((entry, index) => ({ workflowId: `ceiling:${index}`, ...entry }));
    const activitiesFor = (plan: (typeof plans)[number], round: number) =>
      Math.floor(plan.activities / plan.updates) + (round < plan.activities % plan.updates ? 1 : 0);
    const rounds = Math.max(...plans.map((plan) => plan.updates));

    const memoryOfCeiling = watchMemory();
    const ceilingStarted = performance.now();
    let ceilingFailures = 0;
    for (let round = 0; round < rounds; round++) {
      const due = plans.filter((plan) => plan.updates > round);
      const failures = await inPool(due, CONCURRENCY, async (plan) => {
        const input = { activities: activitiesFor(plan, round) };
        const updateId = `ceiling:${round}`;
        if (round === 0) {
          await client.workflow.executeUpdateWithStart(ceilingUpdate, {
            args: [input],
            updateId,
            startWorkflowOperation: new WithStartWorkflowOperation<
              (input: CeilingWorkflowInput) => Promise<number>
            >(CEILING_WORKFLOW_TYPE, {
              workflowId: plan.workflowId,
              taskQueue: ceilingQueue,
              args: [{ updates: plan.updates }],
              workflowIdConflictPolicy: 'USE_EXISTING',
            }),
          });
        } else {
          await client.workflow
            .getHandle(plan.workflowId)
            .executeUpdate(ceilingUpdate, { args: [input], updateId });
        }
      });
      ceilingFailures += failures.length;
      if (failures.length > 0)
        console.log(`ceiling round ${round}: ${failures.length} failed: ${String(failures[0])}`);
    }
    const ceilingSeconds = seconds(ceilingStarted);
    const ceilingMemory = memoryOfCeiling();
    ceilingWorker.shutdown();
    await ceilingRunning;
    const ceilingUpdates = sum(plans.map((plan) => plan.updates));
    const ceilingActivities = sum(plans.map((plan) => plan.activities));

    // ---- Report ----
    const engineRate = engineUpdates / engineSeconds;
    const ceilingRate = ceilingUpdates / ceilingSeconds;
    const ratio = engineRate / ceilingRate;
    console.log('');
    console.log(
      `worker settings: maxCachedWorkflows ${workerLimits.maxCachedWorkflows}, ` +
        `maxConcurrentActivities ${workerLimits.maxConcurrentActivityTaskExecutions}, ` +
        `maxConcurrentWorkflowTasks ${workerLimits.maxConcurrentWorkflowTaskExecutions}, ` +
        `database pool ${environment.DATABASE_POOL_SIZE}`,
    );
    console.log(
      'engine phases (drive = updates in flight; settle = program step until the next stage is open):',
    );
    for (const phase of phases) {
      console.log(
        `  ${phase.name.padEnd(16)} ${String(phase.updates).padStart(6)} updates` +
          `${phase.failures ? ` (${phase.failures} failed)` : ''}  drive ${phase.driveSeconds.toFixed(1)} s` +
          `${phase.updates ? ` (${perSecond(phase.updates, phase.driveSeconds)} updates/s)` : ''}` +
          `  settle ${phase.settleSeconds.toFixed(1)} s`,
      );
    }
    console.log(`engine outcomes: ${[...outcomes].map(([stage, count]) => `${stage} ${count}`).join(', ')}`);
    console.log(
      `engine activities: ${engineActivities} scheduled (${attempts} attempts): ` +
        [...activityTypes].map(([type, count]) => `${type} ${count}`).join(', '),
    );
    console.log(
      `engine: ${CASES} cases, ${engineUpdates} updates (${sentUpdates} sent), ${engineActivities} activities, ` +
        `${transitions} transitions in ${engineSeconds.toFixed(1)} s`,
    );
    console.log(
      `engine: ${perSecond(CASES, engineSeconds)} cases/s, ${engineRate.toFixed(1)} updates/s, ` +
        `${perSecond(transitions, engineSeconds)} transitions/s`,
    );
    console.log(
      `ceiling: ${plans.length} workflows, ${ceilingUpdates} updates${ceilingFailures ? ` (${ceilingFailures} failed)` : ''}, ` +
        `${ceilingActivities} no-op activities in ${ceilingSeconds.toFixed(1)} s: ${ceilingRate.toFixed(1)} updates/s`,
    );
    console.log(
      `ratio: ${ratio.toFixed(2)} (engine updates/s ÷ ceiling updates/s; target ≥ ${RATIO_TARGET})`,
    );
    console.log(`memory, engine part:  ${describeMemory(engineMemory)}`);
    console.log(`memory, ceiling part: ${describeMemory(ceilingMemory)}`);
    console.log(`target met: ${ratio >= RATIO_TARGET ? 'yes' : 'no'}`);
    if (ratio < RATIO_TARGET) process.exitCode = 1;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await devServer?.stop();
    await database?.drop();
  }
}

/** Inserts rows in chunks (one statement each) and returns their generated ids with the rows. */
async function insertInChunks<T extends object, R extends { id: string }>(
  dataSource: DataSource,
  entity: new () => R,
  rows: T[],
): Promise<(T & { id: string })[]> {
  const out: (T & { id: string })[] = [];
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const result = await dataSource.getRepository(entity).insert(chunk as never);
    chunk.forEach((row, index) => out.push({ ...row, id: (result.identifiers[index] as { id: string }).id }));
  }
  return out;
}

async function programStage(dataSource: DataSource, programId: string): Promise<string | null> {
  const [row] = await dataSource.query<{ current_stage: string | null }[]>(
    'SELECT current_stage FROM programs WHERE id = $1',
    [programId],
  );
  return row?.current_stage ?? null;
}

async function casesIn(dataSource: DataSource, programId: string, stageKey: string) {
  const rows = await dataSource.query<{ id: string; phase: string; reviewers: string[] | null }[]>(
    `SELECT id, phase, case_state->'reviewers' AS reviewers FROM applications
      WHERE program_id = $1 AND stage = $2 AND terminal IS NULL ORDER BY id`,
    [programId, stageKey],
  );
  return rows.map((row) => ({ id: row.id, phase: row.phase, reviewers: row.reviewers ?? [] }));
}

// Reviewers are assigned by the program's batch step after the stage opens; reviews wait until every case has them.
async function waitForAssignment(dataSource: DataSource, programId: string, stageKey: string): Promise<void> {
  await waitFor(
    `reviewers of ${stageKey}`,
    async () => (await casesIn(dataSource, programId, stageKey)).every((row) => row.phase === 'under_review'),
    STEP_TIMEOUT_MS,
  );
}

async function countTransitions(dataSource: DataSource, until?: Date): Promise<number> {
  const [row] = await dataSource.query<{ count: number }[]>(
    until
      ? 'SELECT count(*)::int AS count FROM case_transitions WHERE recorded_at <= $1'
      : 'SELECT count(*)::int AS count FROM case_transitions',
    until ? [until] : [],
  );
  return row.count;
}

async function outcomesOf(dataSource: DataSource, programId: string): Promise<Map<string, number>> {
  const rows = await dataSource.query<{ stage: string; count: number }[]>(
    'SELECT stage, count(*)::int AS count FROM applications WHERE program_id = $1 GROUP BY stage ORDER BY stage',
    [programId],
  );
  return new Map(rows.map((row) => [row.stage, row.count]));
}

const eventMs = (event: temporal.api.history.v1.IHistoryEvent) =>
  Number(event.eventTime?.seconds ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);

function workDuring(history: temporal.api.history.v1.IHistory, fromMs: number, toMs: number): WorkflowWork {
  const work: WorkflowWork = { updates: 0, activities: 0, activityTypes: new Map(), activityAttempts: 0 };
  for (const event of history.events ?? []) {
    const at = eventMs(event);
    if (at < fromMs || at > toMs) continue;
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        work.updates += 1;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const type = event.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
        work.activities += 1;
        work.activityTypes.set(type, (work.activityTypes.get(type) ?? 0) + 1);
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
        work.activityAttempts += event.activityTaskStartedEventAttributes?.attempt ?? 1;
        break;
    }
  }
  return work;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
