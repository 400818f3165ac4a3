import type { Server } from 'node:http';
import request from 'supertest';
import { actorHeaders, DISTRICT_COORDINATOR } from './auth';

/** A complete grant-competition application form but for its attachments (see `grantAttachments`). */
export function completeForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projectName: '独居老人助餐服务',
    category: 'elderly',
    serviceArea: '春江社区',
    beneficiaries: 120,
    startDate: '2027-03-01',
    endDate: '2027-12-31',
    necessity: '社区独居老人就餐困难。',
    objectives: '为 120 位老人提供午餐。',
    activities: '每周五天送餐上门。',
    expectedOutcomes: '老人营养改善。',
    teamCapacity: '团队有五年为老服务经验。',
    requestedAmount: 3_000_000,
    ...overrides,
  };
}

/** Uploads a small file for an organization's forms, as one of its members; returns it as forms hold it. */
export async function uploadDocument(
  server: Server,
  organizationId: string,
  fileName: string,
  content: Buffer = Buffer.from(`%PDF-1.4 ${fileName}`),
): Promise<{ id: string; fileName: string }> {
  const response = await request(server)
    .post(`/api/organizations/${organizationId}/documents`)
    .set(actorHeaders({ userId: `member-${organizationId}`, organizationId }))
    .attach('file', content, fileName)
    .expect(201);
  return { id: response.body.id, fileName: response.body.fileName };
}

/** The grant form's required attachments, uploaded by the organization. */
export async function grantAttachments(
  server: Server,
  organizationId: string,
): Promise<{
  budgetDetail: { id: string; fileName: string }[];
  registrationCertificate: { id: string; fileName: string }[];
}> {
  const [budget, certificate] = await Promise.all([
    uploadDocument(server, organizationId, '预算.xlsx'),
    uploadDocument(server, organizationId, '备案证明.pdf'),
  ]);
  return { budgetDetail: [budget], registrationCertificate: [certificate] };
}

/** Registers an organization through the API. */
export async function createOrganization(
  server: Server,
  street: string,
  name = `${street}志愿者协会`,
): Promise<string> {
  const response = await request(server)
    .post('/api/organizations')
    .set(DISTRICT_COORDINATOR)
    .send({ name, kind: 'community_filed', street, community: `${street}社区` })
    .expect(201);
  return response.body.id;
}

/** Creates and publishes a program through the API; test-sized unless told otherwise. */
export async function createPublishedProgram(
  server: Server,
  options: {
    name?: string;
    budgetFen?: number;
    windowSeconds?: number;
    reviewerPools?: Record<string, string[]>;
    categoryQuotas?: { category: string; minCount?: number; maxCount?: number; maxAmountFen?: number }[];
    testSized?: boolean;
  } = {},
): Promise<string> {
  const created = await request(server)
    .post('/api/programs')
    .set(DISTRICT_COORDINATOR)
    .send({
      name: options.name ?? '2026年社区公益创投',
      templateKey: 'grant-competition',
      budgetFen: options.budgetFen ?? 300_000_000,
      submissionClosesAt: new Date(Date.now() + (options.windowSeconds ?? 3600) * 1000).toISOString(),
      testSized: options.testSized ?? true,
    })
    .expect(201);
  if (options.reviewerPools || options.categoryQuotas) {
    await request(server)
      .patch(`/api/programs/${created.body.id}`)
      .set(DISTRICT_COORDINATOR)
      .send({ reviewerPools: options.reviewerPools, categoryQuotas: options.categoryQuotas })
      .expect(200);
  }
  await request(server)
    .post(`/api/programs/${created.body.id}/publish`)
    .set(DISTRICT_COORDINATOR)
    .expect(200);
  return created.body.id;
}

/** Drafts an application with a complete form. */
export async function draftApplication(
  server: Server,
  fields: {
    programId: string;
    organizationId: string;
    street: string;
    category?: string;
    requestedAmountFen?: number;
    title?: string;
  },
): Promise<string> {
  const category = fields.category ?? 'elderly';
  const requestedAmountFen = fields.requestedAmountFen ?? 3_000_000;
  const response = await request(server)
    .post('/api/applications')
    .set(actorHeaders({ userId: `member-${fields.organizationId}`, organizationId: fields.organizationId }))
    .send({
      programId: fields.programId,
      organizationId: fields.organizationId,
      title: fields.title ?? '独居老人助餐服务',
      category,
      street: fields.street,
      requestedAmountFen,
      form: completeForm({
        category,
        requestedAmount: requestedAmountFen,
        ...(await grantAttachments(server, fields.organizationId)),
      }),
    })
    .expect(201);
  return response.body.id;
}

/** Polls until the probe returns a value. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
