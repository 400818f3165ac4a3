import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { defaultPayloadConverter } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { configModule, loggingModule } from '@grantflow/config';
import { caseWorkflowId, programNoticeSignal } from '@grantflow/contracts';
import {
  ApplicationEntity,
  CaseTransitionEntity,
  DatabaseModule,
  dataSourceOptions,
  ExpertConflictEntity,
  ProgramEventEntity,
  ReviewEntity,
} from '@grantflow/db';
import type { CaseState, CaseTransitionRecord } from '@grantflow/domain';
import { createCaseProjectionActivities } from '../../activities/case-projection.activities';
import type { ProgramNotice } from '@grantflow/domain';
import { createReviewAssignmentActivities } from '../../activities/review-assignment.activities';
import { AuthModule } from '../../apps/api/src/auth/auth.module';
import { configureApi } from '../../apps/api/src/configure-api';
import { ExpertsModule } from '../../apps/api/src/experts/experts.module';
import {
  createOrganization,
  createPublishedProgram,
  draftApplication,
  eventually,
} from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';
import { actorHeaders, signedIn } from '../support/auth';

// The expert registry through its API, and reviewer assignment from it: the activity runs against the real
// database and signals real case workflows, which the stack's worker runs.

@Module({})
class ExpertsApiModule {
  static forRoot(): DynamicModule {
    return {
      module: ExpertsApiModule,
      imports: [configModule(), loggingModule(), DatabaseModule, AuthModule, ExpertsModule],
    };
  }
}

const district = actorHeaders({ userId: 'district-1', roles: ['coordinator:district'] });
// Expert ids unique to this run, so other suites' experts and earlier runs never meet these.
const run = randomUUID().slice(0, 8);
const expertId = (name: string) => `x-${run}-${name}`;

describe('expert registry and reviewer assignment', () => {
  let stack: TestStack;
  let expertsApp: NestExpressApplication;
  let experts: Server;
  let dataSource: DataSource;
  let activities: ReturnType<typeof createReviewAssignmentActivities>;

  beforeAll(async () => {
    stack = await startStack();
    expertsApp = await NestFactory.create<NestExpressApplication>(ExpertsApiModule.forRoot(), {
      bodyParser: false,
      logger: ['error', 'warn'],
      bufferLogs: true,
      abortOnError: false,
    });
    configureApi(expertsApp);
    await expertsApp.init();
    experts = expertsApp.getHttpServer() as Server;
    dataSource = new DataSource({ ...dataSourceOptions({ url: process.env.DATABASE_URL! }), poolSize: 2 });
    await dataSource.initialize();
    activities = createReviewAssignmentActivities({ dataSource, temporal: stack.temporal });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await expertsApp?.close();
    await stack?.close();
  });

  const register = (body: Record<string, unknown>) =>
    signedIn(experts)
      .post('/api/experts')
      .send({
        name: '专家',
        expertise: ['elderly'],
        level: 'street',
        street: '紫阳街道',
        maxLoadPerProgram: 5,
        ...body,
      });
  const declare = (id: string, body: Record<string, unknown>) =>
    signedIn(experts)
      .post(`/api/experts/${id}/conflicts`)
      .send({ reason: '利益相关', ...body });
  // Runs an activity in an activity context (heartbeats are recorded) as the worker would.
  const runActivity = async <I, O>(activity: (input: I) => Promise<O>, input: I) => {
    const environment = new MockActivityEnvironment();
    const heartbeats: unknown[] = [];
    environment.on('heartbeat', (details: unknown) => heartbeats.push(details));
    return { result: await environment.run(activity, input), heartbeats };
  };
  const fieldsOf = (body: { errors: { field: string; code: string }[] }) =>
    body.errors.map((error) => `${error.field}:${error.code}`).sort();

  describe('registry API', () => {
    it('refuses an invalid registration field by field, in Chinese by default and in English when asked', async () => {
      const invalid = {
        id: 'not an id!',
        name: '',
        expertise: ['elderly', 'astronomy', 'elderly'],
        level: 'city',
        maxLoadPerProgram: -1,
        minLoadPerProgram: 1.5,
        available: 'yes',
        affiliationOrganizationId: 'acme',
        rank: 'chair',
      };
      const chinese = await register(invalid).expect(422);
      expect(chinese.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(chinese.body)).toEqual([
        'affiliationOrganizationId:isUuid',
        'available:isBoolean',
        'expertise:arrayUnique',
        'expertise:isIn',
        'id:matches',
        'level:isIn',
        'maxLoadPerProgram:min',
        'minLoadPerProgram:isInt',
        'name:isNotEmpty',
        'rank:whitelistValidation',
      ]);
      expect(chinese.body.errors).toContainEqual({
        field: 'maxLoadPerProgram',
        code: 'min',
        message: '不能小于 0',
      });
      const english = await register(invalid).set('Accept-Language', 'en').expect(422);
      expect(english.body.errors).toContainEqual({
        field: 'expertise',
        code: 'arrayUnique',
        message: 'must not contain duplicates',
      });

      const noStreet = await register({ id: expertId('no-street'), street: undefined }).expect(422);
      expect(fieldsOf(noStreet.body)).toEqual([
        'street:isDefined',
        'street:isNotEmpty',
        'street:isString',
        'street:maxLength',
      ]);
      const noExpertise = await register({ id: expertId('none'), expertise: [] }).expect(422);
      expect(fieldsOf(noExpertise.body)).toEqual(['expertise:arrayMinSize']);
    });

    it('refuses loads out of order, an unknown affiliation, a reserved id and a second registration', async () => {
      const loads = await register({
        id: expertId('loads'),
        maxLoadPerProgram: 2,
        minLoadPerProgram: 3,
        affiliationOrganizationId: randomUUID(),
      })
        .set('Accept-Language', 'en')
        .expect(422);
      expect(loads.body.errors).toEqual([
        {
          field: 'minLoadPerProgram',
          code: 'aboveMaximum',
          message: 'must not exceed maxLoadPerProgram (2)',
        },
        {
          field: 'affiliationOrganizationId',
          code: 'unknown',
          message: 'does not name an existing organization',
        },
      ]);
      const reserved = await register({ id: 'consensus' }).expect(422);
      expect(fieldsOf(reserved.body)).toEqual(['id:reserved']);

      await register({ id: expertId('twice') }).expect(201);
      const again = await register({ id: expertId('twice') }).expect(409);
      expect(again.body.type).toBe('/problems/duplicate-expert');
    });

    it('registers, reads, lists by level, category and availability, and edits an expert', async () => {
      const organizationId = await createOrganization(stack.server, '湖滨街道', `湖滨评审单位${run}`);
      const created = await register({
        id: expertId('d-culture'),
        name: '陈立',
        expertise: ['culture', 'youth'],
        level: 'district',
        street: undefined,
        affiliationOrganizationId: organizationId,
        maxLoadPerProgram: 12,
        minLoadPerProgram: 2,
      }).expect(201);
      expect(created.body).toMatchObject({
        id: expertId('d-culture'),
        expertise: ['culture', 'youth'],
        level: 'district',
        street: null,
        affiliationOrganizationId: organizationId,
        maxLoadPerProgram: 12,
        minLoadPerProgram: 2,
        available: true,
      });
      await register({ id: expertId('s-youth'), expertise: ['youth'], available: false }).expect(201);
      await register({ id: expertId('s-elderly'), expertise: ['elderly'] }).expect(201);

      const fetched = await signedIn(experts)
        .get(`/api/experts/${expertId('d-culture')}`)
        .expect(200);
      expect(fetched.body).toEqual(created.body);
      const missing = await signedIn(experts)
        .get(`/api/experts/${expertId('nobody')}`)
        .expect(404);
      expect(missing.body.type).toBe('/problems/not-found');
      await signedIn(experts).get('/api/experts/not%20an%20id').expect(404);

      const listed = async (query: string) =>
        (await signedIn(experts).get(`/api/experts?pageSize=500&${query}`).expect(200)).body
          .map((expert: { id: string }) => expert.id)
          .filter((id: string) => id.startsWith(`x-${run}-`));
      expect(await listed('category=youth')).toEqual([expertId('d-culture'), expertId('s-youth')]);
      expect(await listed('category=youth&level=street')).toEqual([expertId('s-youth')]);
      expect(await listed('category=youth&available=true')).toEqual([expertId('d-culture')]);
      const badFilter = await signedIn(experts).get('/api/experts?available=maybe&level=city').expect(422);
      expect(fieldsOf(badFilter.body)).toEqual(['available:isBoolean', 'level:isIn']);

      const edited = await signedIn(experts)
        .patch(`/api/experts/${expertId('d-culture')}`)
        .send({
          available: false,
          maxLoadPerProgram: 3,
          expertise: ['youth'],
          affiliationOrganizationId: null,
        })
        .expect(200);
      expect(edited.body).toMatchObject({
        available: false,
        maxLoadPerProgram: 3,
        minLoadPerProgram: 2,
        expertise: ['youth'],
        affiliationOrganizationId: null,
      });
      const below = await signedIn(experts)
        .patch(`/api/experts/${expertId('d-culture')}`)
        .send({ maxLoadPerProgram: 1 })
        .expect(422);
      expect(fieldsOf(below.body)).toEqual(['minLoadPerProgram:aboveMaximum']);
      const cleared = await signedIn(experts)
        .patch(`/api/experts/${expertId('s-elderly')}`)
        .send({ street: null, name: null, level: 'district' })
        .expect(422);
      expect(fieldsOf(cleared.body)).toEqual(['level:whitelistValidation']);
      const nulls = await signedIn(experts)
        .patch(`/api/experts/${expertId('s-elderly')}`)
        .send({ street: null, name: null })
        .expect(422);
      expect(fieldsOf(nulls.body)).toEqual(['name:isDefined', 'street:isDefined']);
      expect(
        (await signedIn(experts).get(`/api/experts/${expertId('d-culture')}`)).body.maxLoadPerProgram,
      ).toBe(3);
    });

    it('records declared conflicts, refuses malformed or repeated ones, and lists the derived one first', async () => {
      const organizationId = await createOrganization(stack.server, '清波街道', `清波服务社${run}`);
      const otherOrganization = await createOrganization(stack.server, '清波街道', `清波互助会${run}`);
      const programId = await createPublishedProgram(stack.server);
      const applicationId = await draftApplication(stack.server, {
        programId,
        organizationId: otherOrganization,
        street: '清波街道',
      });
      const id = expertId('declarer');
      await register({ id, affiliationOrganizationId: organizationId }).expect(201);

      const missingTarget = await declare(id, { scope: 'program' }).expect(422);
      expect(fieldsOf(missingTarget.body)).toEqual(['programId:isDefined', 'programId:isUuid']);
      const stray = await declare(id, { scope: 'case', applicationId, programId }).expect(422);
      expect(fieldsOf(stray.body)).toEqual(['programId:notForScope']);
      const unknown = await declare(id, { scope: 'case', applicationId: randomUUID() }).expect(422);
      expect(fieldsOf(unknown.body)).toEqual(['applicationId:unknown']);
      const noReason = await declare(id, {
        scope: 'organization',
        organizationId: otherOrganization,
        reason: '',
      });
      expect(noReason.status).toBe(422);
      expect(fieldsOf(noReason.body)).toEqual(['reason:isNotEmpty']);
      await declare(randomUUID(), { scope: 'program', programId }).expect(404);

      const onCase = await declare(id, { scope: 'case', applicationId, reason: '曾为该项目提供咨询' }).expect(
        201,
      );
      // A case conflict carries its program, so assignment finds it with the program's other declarations.
      expect(onCase.body).toMatchObject({
        scope: 'case',
        applicationId,
        programId,
        organizationId: null,
        declaredInStage: null,
      });
      await declare(id, { scope: 'program', programId }).expect(201);
      await declare(id, { scope: 'organization', organizationId: otherOrganization }).expect(201);
      const repeated = await declare(id, { scope: 'case', applicationId }).expect(409);
      expect(repeated.body.type).toBe('/problems/duplicate-conflict');

      const listed = (await signedIn(experts).get(`/api/experts/${id}/conflicts`).expect(200)).body;
      expect(
        listed.map((conflict: { scope: string; derived: boolean }) => [conflict.scope, conflict.derived]),
      ).toEqual([
        ['organization', true],
        ['case', false],
        ['program', false],
        ['organization', false],
      ]);
      expect(listed[0]).toMatchObject({ id: null, organizationId });
    });
  });

  describe('assignment of a review stage', () => {
    const STREET = '紫阳街道';
    const CATEGORIES = ['elderly', 'culture', 'youth', 'environment', 'elderly', 'disability_hardship'];
    // Panels of 2 for 6 cases need 12 reviews; the eligible experts can take exactly 12, so every one of
    // them is filled to the maximum and none beyond it. Each conflict takes away a pair the optimum would
    // otherwise use: s3 is the only culture expert, s4 the only youth one, s1 an elderly one.
    const STREET_EXPERTS = {
      s1: { expertise: ['elderly'], maxLoadPerProgram: 3 }, // works for the applicant of case 0
      s2: { expertise: ['disability_hardship', 'elderly'], maxLoadPerProgram: 3 },
      s3: { expertise: ['culture'], maxLoadPerProgram: 2 }, // declares a conflict with case 1
      s4: { expertise: ['youth'], maxLoadPerProgram: 2 }, // declares a conflict with case 2's organization
      s5: { expertise: ['environment'], maxLoadPerProgram: 2 },
      off: { expertise: ['elderly'], maxLoadPerProgram: 6, available: false },
      recused: { expertise: ['elderly'], maxLoadPerProgram: 6 }, // declares a conflict with the whole program
    };
    let programId: string;
    const cases: { id: string; organizationId: string; category: string }[] = [];
    const pool = [...Object.keys(STREET_EXPERTS), 'd1'].map(expertId).concat(expertId('ghost'));

    // The round's panels each case was sent, in order, read from its workflow history.
    const streetReviewSignals = async (applicationId: string): Promise<string[][]> => {
      const history = await stack.temporal.workflow.getHandle(caseWorkflowId(applicationId)).fetchHistory();
      return (
        (history.events ?? [])
          .map((event) => event.workflowExecutionSignaledEventAttributes)
          .filter((signal) => signal?.signalName === programNoticeSignal.name)
          .map((signal) => defaultPayloadConverter.fromPayload<ProgramNotice>(signal!.input!.payloads![0]))
          // Replacements for a reviewer who recused or let a review expire are not the round's panels.
          .filter(
            (notice) =>
              notice.type === 'reviewers_assigned' &&
              notice.stageKey === 'street-review' &&
              (notice as { replacement?: boolean }).replacement !== true,
          )
          .map((notice) => (notice as { reviewerIds: string[] }).reviewerIds)
      );
    };
    // A signal that arrives while a workflow task runs enters the history when the task ends. A marker signal
    // sent afterwards (a notice for no stage, which cases ignore) is recorded after everything sent before it,
    // so once it shows, the history holds every signal the activity sent.
    const settled = async (): Promise<string[][][]> =>
      Promise.all(
        cases.map(async (c) => {
          const handle = stack.temporal.workflow.getHandle(caseWorkflowId(c.id));
          const marker = `marker-${randomUUID()}`;
          await handle.signal(programNoticeSignal, {
            type: 'deadline_moved',
            stageKey: marker,
            deadline: new Date().toISOString(),
          });
          await eventually(async () => {
            const history = await handle.fetchHistory();
            const seen = (history.events ?? []).some((event) => {
              const payload = event.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0];
              return (
                payload && defaultPayloadConverter.fromPayload<ProgramNotice>(payload).stageKey === marker
              );
            });
            return seen ? true : undefined;
          });
          return streetReviewSignals(c.id);
        }),
      );

    beforeAll(async () => {
      for (const [name, profile] of Object.entries(STREET_EXPERTS))
        await register({ id: expertId(name), ...profile }).expect(201);
      // A district expert in the street pool counts only when a panel must include one.
      await register({
        id: expertId('d1'),
        expertise: ['elderly'],
        level: 'district',
        maxLoadPerProgram: 3,
      }).expect(201);
      const organizations = [];
      for (const index of CATEGORIES.keys())
        organizations.push(await createOrganization(stack.server, STREET, `紫阳服务社${run}-${index}`));
      // The window leaves time to draft, declare and submit before it closes by itself.
      programId = await createPublishedProgram(stack.server, {
        windowSeconds: 12,
        reviewerPools: { 'street-review': pool },
      });
      for (const [index, category] of CATEGORIES.entries()) {
        const organizationId = organizations[index];
        const id = await draftApplication(stack.server, {
          programId,
          organizationId,
          street: STREET,
          category,
        });
        cases.push({ id, organizationId, category });
      }
      await signedIn(experts)
        .patch(`/api/experts/${expertId('s1')}`)
        .send({ affiliationOrganizationId: cases[0].organizationId })
        .expect(200);
      await declare(expertId('s3'), { scope: 'case', applicationId: cases[1].id }).expect(201);
      await declare(expertId('s4'), {
        scope: 'organization',
        organizationId: cases[2].organizationId,
      }).expect(201);
      await declare(expertId('recused'), { scope: 'program', programId }).expect(201);

      for (const c of cases)
        await signedIn(stack.server)
          .post(`/api/applications/${c.id}/submit`)
          .set(actorHeaders({ userId: `user-${c.id}`, organizationId: c.organizationId }))
          .expect(200);
      const stageOf = async (id: string) =>
        (await signedIn(stack.server).get(`/api/applications/${id}`).expect(200)).body.stage;
      for (const c of cases)
        await eventually(
          async () => ((await stageOf(c.id)) === 'eligibility-screening' ? true : undefined),
          30_000,
        );
      await eventually(async () => {
        const program = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
        return program.currentStage === 'eligibility-screening' ? true : undefined;
      }, 30_000);
      for (const c of cases)
        await signedIn(stack.server)
          .post(`/api/applications/${c.id}/actions/screen`)
          .set(district)
          .send({ decision: 'eligible', checks: { 'materials-complete': true } })
          .expect(200);
      await signedIn(stack.server)
        .post(`/api/programs/${programId}/stages/eligibility-screening/close`)
        .set(district)
        .send({})
        .expect(200);
      for (const c of cases)
        await eventually(async () => ((await stageOf(c.id)) === 'street-review' ? true : undefined), 30_000);
      // The program assigns the stage's reviewers itself when it opens it; this suite's calls come after.
      for (const c of cases)
        await eventually(
          async () => ((await streetReviewSignals(c.id)).length > 0 ? true : undefined),
          30_000,
        );
    }, 90_000);

    it('gives every case a full panel without conflicts or overloads, optimally and the same way every time', async () => {
      const input = { programId, stageKey: 'street-review', reviewersPerCase: 2, level: 'street' as const };
      const first = await runActivity(activities.assignStageReviewers, input);
      expect(first.result).toMatchObject({ assigned: 6 });
      expect(first.heartbeats).toEqual([{ signalled: 6 }]);
      const panels = (await settled()).map((sent) => sent.at(-1)!);

      for (const panel of panels) expect(panel).toHaveLength(2);
      const involved = new Set(panels.flat());
      for (const absent of ['off', 'recused', 'd1', 'ghost'])
        expect(involved).not.toContain(expertId(absent));
      expect(panels[0]).not.toContain(expertId('s1')); // own organization
      expect(panels[1]).not.toContain(expertId('s3')); // declared case conflict
      expect(panels[2]).not.toContain(expertId('s4')); // declared organization conflict
      const loads = Object.fromEntries(
        ['s1', 's2', 's3', 's4', 's5'].map((name) => [
          name,
          panels.filter((panel) => panel.includes(expertId(name))).length,
        ]),
      );
      expect(loads).toEqual({ s1: 3, s2: 3, s3: 2, s4: 2, s5: 2 });

      // The reported affinity is that of the panels sent: 2 for an expert's main field, 1 for another one.
      const affinity = (name: string, category: string) => {
        const expertise =
          STREET_EXPERTS[name.slice(`x-${run}-`.length) as keyof typeof STREET_EXPERTS].expertise;
        const position = expertise.indexOf(category);
        return position === 0 ? 2 : position > 0 ? 1 : 0;
      };
      const sent = panels.reduce(
        (sum, panel, index) =>
          sum + panel.reduce((inner, id) => inner + affinity(id, cases[index].category), 0),
        0,
      );
      expect(first.result).toEqual({ assigned: 6, totalAffinity: sent });
      // The optimum is 8: with the conflicts, only s1 on case 4 (2), s2 on cases 5 (2), 0 and 4 (1 each) and s5
      // on case 3 (2) can score; every other seat scores 0. Without them it would be 14.
      expect(sent).toBe(8);

      const again = await runActivity(activities.assignStageReviewers, input);
      expect(again.result).toEqual(first.result);
      expect((await settled()).map((sent) => sent.at(-1))).toEqual(panels);

      // The cases took the panels: each reviewer appears in the case's timeline as assigned.
      for (const [index, c] of cases.entries()) {
        await eventually(async () => {
          const timeline = (
            await signedIn(stack.server).get(`/api/applications/${c.id}/timeline`).expect(200)
          ).body as { action: string; toStage: string; data: { reviewerIds?: string[] } | null }[];
          const assigned = timeline
            .filter((entry) => entry.action === 'reviewers_assigned' && entry.toStage === 'street-review')
            .flatMap((entry) => entry.data?.reviewerIds ?? []);
          return panels[index].every((id) => assigned.includes(id)) ? true : undefined;
        });
      }
    });

    it('assigns nothing when no assignment exists and records why, in numbers, for the coordinators', async () => {
      const sentBefore = await settled();
      const startedAt = new Date();

      const tooMany = await runActivity(activities.assignStageReviewers, {
        programId,
        stageKey: 'street-review',
        reviewersPerCase: 3,
        level: 'street',
      });
      expect(tooMany.result).toMatchObject({
        assigned: 0,
        infeasible: {
          reasons: ['demand_exceeds_capacity'],
          demand: 18,
          capacity: 12,
          cases: 6,
          experts: 5,
          unknownPoolIds: [expertId('ghost')],
        },
      });
      const message = (tooMany.result as { infeasible: { message: { zh: string; en: string } } }).infeasible
        .message;
      expect(message.en).toContain(
        '18 reviews are needed (6 cases × 3) but the 5 available experts can take 12',
      );
      expect(message.en).toContain(`1 ids that are not registered experts (${expertId('ghost')})`);
      expect(message.zh).toContain('需要 18 人次评审（6 件 × 每件 3 人）');

      const withDistrict = await runActivity(activities.assignStageReviewers, {
        programId,
        stageKey: 'street-review',
        reviewersPerCase: 2,
        level: 'street',
        atLeastOneDistrictExpert: true,
      });
      expect(withDistrict.result).toMatchObject({
        assigned: 0,
        infeasible: {
          reasons: ['district_demand_exceeds_capacity'],
          districtDemand: 6,
          districtCapacity: 3,
          experts: 6,
        },
      });

      const events = await dataSource
        .getRepository(ProgramEventEntity)
        .createQueryBuilder('event')
        .where('event.program_id = :programId AND event.action = :action', {
          programId,
          action: 'assignment_infeasible',
        })
        .andWhere('event.occurred_at >= :startedAt', { startedAt })
        .orderBy('event.occurred_at')
        .getMany();
      expect(events.map((event) => [event.stageKey, event.actorId, event.data.reviewersPerCase])).toEqual([
        ['street-review', 'program', 3],
        ['street-review', 'program', 2],
      ]);
      expect(events[0].data).toMatchObject({
        level: 'street',
        atLeastOneDistrictExpert: false,
        explanation: { demand: 18, capacity: 12, message },
      });
      expect(events[1].data).toMatchObject({
        atLeastOneDistrictExpert: true,
        explanation: { districtDemand: 6, districtCapacity: 3 },
      });
      expect((events[1].data.explanation as { message: { en: string } }).message.en).toContain(
        '6 cases each need a district-level expert but those experts can take 3 more in all',
      );

      // Nothing was sent to any case.
      expect(await settled()).toEqual(sentBefore);
    });
  });

  describe('an alternate reviewer', () => {
    const alternate = (name: string) => expertId(`alt-${name}`);
    let programId: string;
    let applicationId: string;
    let organizationId: string;

    beforeAll(async () => {
      const street = '小营街道';
      organizationId = await createOrganization(stack.server, street, `小营服务社${run}`);
      const otherOrganization = await createOrganization(stack.server, street, `小营互助会${run}`);
      const names = [
        'a-main',
        'b-side',
        'c-side',
        'own',
        'declared',
        'org',
        'program',
        'full',
        'off',
        'excluded',
      ];
      programId = await createPublishedProgram(stack.server, {
        reviewerPools: { 'street-review': [...names, 'district'].map(alternate) },
      });
      applicationId = await draftApplication(stack.server, {
        programId,
        organizationId,
        street,
        category: 'youth',
      });
      const others = [];
      for (let index = 0; index < 3; index++)
        others.push(
          await draftApplication(stack.server, {
            programId,
            organizationId: otherOrganization,
            street,
            category: 'youth',
          }),
        );

      const profiles: Record<string, Record<string, unknown>> = {
        'a-main': { expertise: ['youth'] }, // best field, but already has two cases of the program
        'b-side': { expertise: ['culture', 'youth'] }, // side field, one case already
        'c-side': { expertise: ['elderly', 'youth'] }, // side field, no case yet
        own: { expertise: ['youth'], affiliationOrganizationId: organizationId },
        declared: { expertise: ['youth'] },
        org: { expertise: ['youth'] },
        program: { expertise: ['youth'] },
        full: { expertise: ['youth'], maxLoadPerProgram: 1 },
        off: { expertise: ['youth'], available: false },
        excluded: { expertise: ['youth'] },
      };
      for (const name of names) await register({ id: alternate(name), ...profiles[name] }).expect(201);
      await register({ id: alternate('district'), expertise: ['youth'], level: 'district' }).expect(201);
      await declare(alternate('declared'), { scope: 'case', applicationId }).expect(201);
      await declare(alternate('org'), { scope: 'organization', organizationId }).expect(201);
      await declare(alternate('program'), { scope: 'program', programId }).expect(201);

      // Loads in this program, from reviews already submitted on its other cases.
      const reviewed = (reviewer: string, application: string) => ({
        applicationId: application,
        stageKey: 'street-review',
        reviewerId: alternate(reviewer),
        programId,
        revision: 1,
        rubricId: 'eu-5-point',
        total: 12,
        scores: {},
        comments: {},
        submittedAt: new Date(),
      });
      await dataSource
        .getRepository(ReviewEntity)
        .insert([
          reviewed('a-main', others[0]),
          reviewed('a-main', others[1]),
          reviewed('b-side', others[2]),
          reviewed('full', others[0]),
        ]);
    });

    const find = (excluding: string[]) =>
      activities.findAlternateReviewer({
        programId,
        applicationId,
        stageKey: 'street-review',
        excluding: excluding.map(alternate),
        level: 'street',
      });

    it('takes the best expertise first, then the lowest load, then the lowest id', async () => {
      expect(await find(['excluded'])).toEqual({ reviewerId: alternate('a-main') });
      expect(await find(['excluded', 'a-main'])).toEqual({ reviewerId: alternate('c-side') });
      expect(await find(['excluded', 'a-main', 'c-side'])).toEqual({ reviewerId: alternate('b-side') });
    });

    it('skips conflicted, excluded, unavailable and full experts, and says how many of each there were', async () => {
      const none = await find(['excluded', 'a-main', 'b-side', 'c-side']);
      expect(none.reviewerId).toBeNull();
      expect((none as { reason: string }).reason).toContain(
        'no alternate street-level expert: 10 candidates, 1 unavailable, 4 excluded, 4 in conflict, 1 at their maximum load',
      );
      expect((none as { reason: string }).reason).toContain(
        '没有可替补的街道级专家：候选 10 人，其中不可用 1、已排除 4、需回避 4、已达评审上限 1',
      );
      // Freed from its limit, the full expert is the answer: it was skipped for its load alone.
      await signedIn(experts)
        .patch(`/api/experts/${alternate('full')}`)
        .send({ maxLoadPerProgram: 2 })
        .expect(200);
      expect(await find(['excluded', 'a-main', 'b-side', 'c-side'])).toEqual({
        reviewerId: alternate('full'),
      });
    });
  });

  describe('a reviewer who recuses during review', () => {
    const STREET = '湖滨街道';
    const member = (name: string) => expertId(`rec-${name}`);
    const reason = '曾为该组织培训志愿者';
    let programId: string;
    let applicationId: string;

    const read = async () =>
      (await signedIn(stack.server).get(`/api/applications/${applicationId}`).expect(200)).body;
    const panel = async () =>
      (
        (await signedIn(stack.server).get(`/api/applications/${applicationId}/timeline`).expect(200))
          .body as {
          action: string;
          toStage: string;
          data: { reviewerIds?: string[] } | null;
        }[]
      )
        .filter((entry) => entry.action === 'reviewers_assigned' && entry.toStage === 'street-review')
        .flatMap((entry) => entry.data?.reviewerIds ?? []);
    const caseConflictsOf = (expert: string) =>
      dataSource
        .getRepository(ExpertConflictEntity)
        .findBy({ expertId: expert, applicationId, scope: 'case' });

    beforeAll(async () => {
      // Two youth experts and a culture one: for a youth case the best panel of two is the youth pair.
      await register({ id: member('a'), expertise: ['youth'], street: STREET }).expect(201);
      await register({ id: member('b'), expertise: ['youth'], street: STREET }).expect(201);
      await register({ id: member('c'), expertise: ['culture'], street: STREET }).expect(201);
      const organizationId = await createOrganization(stack.server, STREET, `湖滨服务社${run}`);
      programId = await createPublishedProgram(stack.server, {
        windowSeconds: 6,
        reviewerPools: { 'street-review': ['a', 'b', 'c'].map(member) },
      });
      applicationId = await draftApplication(stack.server, {
        programId,
        organizationId,
        street: STREET,
        category: 'youth',
      });
      await signedIn(stack.server)
        .post(`/api/applications/${applicationId}/submit`)
        .set(actorHeaders({ userId: `user-${applicationId}`, organizationId }))
        .expect(200);
      const programStage = (stageKey: string) =>
        eventually(async () => {
          const program = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
          return program.currentStage === stageKey ? true : undefined;
        }, 30_000);
      await programStage('eligibility-screening');
      await eventually(async () => ((await read()).stage === 'eligibility-screening' ? true : undefined));
      await signedIn(stack.server)
        .post(`/api/applications/${applicationId}/actions/screen`)
        .set(district)
        .send({ decision: 'eligible', checks: { 'materials-complete': true } })
        .expect(200);
      await signedIn(stack.server)
        .post(`/api/programs/${programId}/stages/eligibility-screening/close`)
        .set(district)
        .send({})
        .expect(200);
      await programStage('street-review');
      // A test-sized review lasts seconds; a longer stage keeps the panel's reviews open through the test.
      await signedIn(stack.server)
        .post(`/api/programs/${programId}/stages/street-review/extend`)
        .set(district)
        .send({ until: new Date(Date.now() + 120_000).toISOString() })
        .expect(200);
      await eventually(async () => ((await panel()).length === 2 ? true : undefined), 30_000);
    }, 90_000);

    it('is recorded in the registry as a case conflict declared in that stage, once however often projected', async () => {
      expect([...(await panel())].sort()).toEqual([member('a'), member('b')]);
      await signedIn(stack.server)
        .post(`/api/applications/${applicationId}/actions/declare_conflict`)
        .set({
          ...actorHeaders({ userId: member('a'), roles: ['reviewer'] }),
          'Idempotency-Key': `recuse-${applicationId}`,
        })
        .send({ reason })
        .expect(200);
      // The update returns once projected, so the registry already shows the conflict.
      const listed = (
        await signedIn(experts)
          .get(`/api/experts/${member('a')}/conflicts`)
          .expect(200)
      ).body;
      expect(listed).toEqual([
        expect.objectContaining({
          scope: 'case',
          programId,
          applicationId,
          organizationId: null,
          reason,
          derived: false,
          declaredInStage: 'street-review',
        }),
      ]);
      // The alternate is the only expert left.
      expect(await eventually(async () => (await panel())[2])).toBe(member('c'));

      // A retried request is answered from the first result; a retried projection inserts nothing twice.
      await signedIn(stack.server)
        .post(`/api/applications/${applicationId}/actions/declare_conflict`)
        .set({
          ...actorHeaders({ userId: member('a'), roles: ['reviewer'] }),
          'Idempotency-Key': `recuse-${applicationId}`,
        })
        .send({ reason })
        .expect(200);
      const recorded = await dataSource
        .getRepository(CaseTransitionEntity)
        .findOneByOrFail({ applicationId, action: 'declare_conflict' });
      const application = await dataSource
        .getRepository(ApplicationEntity)
        .findOneByOrFail({ id: applicationId });
      const transition: CaseTransitionRecord = {
        sequence: recorded.sequence,
        action: recorded.action,
        fromStage: recorded.fromStage,
        toStage: recorded.toStage,
        actorId: recorded.actorId,
        reason: recorded.reason ?? undefined,
        occurredAt: recorded.occurredAt.toISOString(),
        revision: recorded.revision,
        data: recorded.data ?? undefined,
      };
      const { projectCaseTransitions } = createCaseProjectionActivities({ dataSource });
      for (let attempt = 0; attempt < 2; attempt++)
        await projectCaseTransitions({
          applicationId,
          workflowId: recorded.workflowId,
          runId: recorded.runId,
          transitions: [transition],
          state: application.caseState as CaseState,
        });
      const conflicts = await caseConflictsOf(member('a'));
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0].declaredAt.toISOString()).toBe(transition.occurredAt);
      // A registry declaration of the same conflict is the one already recorded.
      await declare(member('a'), { scope: 'case', applicationId }).expect(409);
    });

    it('keeps the reviewer out of the case in later assignments of the program', async () => {
      // A round reads the program's registry conflicts by case, whatever the stage (it does not look at the
      // case's panels). Without the conflict its optimum is the youth pair again (affinity 2 + 2); with it,
      // the other youth expert and the culture one (2 + 0).
      const round = await runActivity(activities.assignStageReviewers, {
        programId,
        stageKey: 'street-review',
        reviewersPerCase: 2,
        level: 'street',
      });
      expect(round.result).toEqual({ assigned: 1, totalAffinity: 2 });
      // Other cases of the program are not affected: the conflict names this case only.
      expect(await caseConflictsOf(member('b'))).toEqual([]);
    });
  });
});
