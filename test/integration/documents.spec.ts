import { DocumentEntity } from '@grantflow/db';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DOCUMENT_MAX_BYTES } from '../../apps/api/src/documents/document-files';
import {
  completeForm,
  createOrganization,
  createPublishedProgram,
  uploadDocument,
} from '../support/fixtures';
import { actorHeaders, signedIn, DISTRICT_COORDINATOR } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';

const STREET = '清波街道';

describe('the document store behind form attachments', () => {
  let stack: TestStack;
  let programId: string;
  let organizationId: string;
  let otherOrganizationId: string;
  let documents: () => Promise<number>;
  const member = () => actorHeaders({ userId: `member-${organizationId}`, organizationId });
  const outsider = () =>
    actorHeaders({ userId: `member-${otherOrganizationId}`, organizationId: otherOrganizationId });

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    programId = await createPublishedProgram(stack.server, { testSized: false });
    organizationId = await createOrganization(stack.server, STREET);
    otherOrganizationId = await createOrganization(stack.server, STREET, `${STREET}另一家协会`);
    const dataSource = stack.api.get(DataSource);
    documents = () => dataSource.getRepository(DocumentEntity).count();
  });

  afterAll(() => stack?.close());

  const draftWith = (headers: Record<string, string>, attachments: Record<string, unknown>) =>
    signedIn(stack.server, headers)
      .post('/api/applications')
      .send({
        programId,
        organizationId,
        title: '社区助餐',
        category: 'elderly',
        street: STREET,
        requestedAmountFen: 3_000_000,
        form: completeForm(attachments),
      });

  it('stores an upload with its digest, typing it by its extension rather than what the browser claimed', async () => {
    const content = Buffer.from('%PDF-1.4 备案证明');
    const response = await signedIn(stack.server, member())
      .post(`/api/organizations/${organizationId}/documents`)
      .attach('file', content, { filename: '备案证明.pdf', contentType: 'text/html' })
      .expect(201);
    expect(response.body).toMatchObject({
      fileName: '备案证明.pdf',
      contentType: 'application/pdf',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('refuses, field by field and in Chinese, what it does not take, and stores nothing', async () => {
    const before = await documents();
    const upload = (headers: Record<string, string>) =>
      signedIn(stack.server, headers).post(`/api/organizations/${organizationId}/documents`);

    const script = await upload(member()).attach('file', Buffer.from('MZ'), 'setup.exe').expect(422);
    expect(script.body.errors).toEqual([
      expect.objectContaining({ field: 'file', code: 'file_type_not_accepted' }),
    ]);
    expect(script.body.errors[0].message).toContain('不接受');

    const empty = await upload(member()).attach('file', Buffer.alloc(0), 'empty.pdf').expect(422);
    expect(empty.body.errors[0]).toMatchObject({ field: 'file', code: 'empty_file' });

    const large = await upload(member())
      .attach('file', Buffer.alloc(DOCUMENT_MAX_BYTES + 1, 1), 'scan.pdf')
      .expect(422);
    expect(large.body.errors[0]).toMatchObject({ field: 'file', code: 'file_too_large' });

    const none = await upload(member()).field('note', 'no file').expect(422);
    expect(none.body.errors[0]).toMatchObject({ field: 'file', code: 'required' });

    const foreign = await upload(outsider()).attach('file', Buffer.from('%PDF'), 'a.pdf').expect(403);
    expect(foreign.body.code).toBe('not_your_organization');

    expect(await documents()).toBe(before);
  });

  it('takes into a form only files of the applying organization, under the names they were stored with', async () => {
    const ours = await uploadDocument(stack.server, organizationId, '预算.xlsx');
    const theirs = await uploadDocument(stack.server, otherOrganizationId, '备案证明.pdf');

    const refused = await draftWith(member(), {
      budgetDetail: [ours],
      registrationCertificate: [theirs, { id: 'made-up', fileName: 'x.pdf' }],
    }).expect(422);
    expect(
      refused.body.errors.map((error: { field: string; code: string }) => [error.field, error.code]),
    ).toEqual([
      ['form.registrationCertificate[0]', 'unknown_document'],
      ['form.registrationCertificate[1]', 'unknown_document'],
    ]);

    const certificate = await uploadDocument(stack.server, organizationId, '备案证明.pdf');
    const created = await draftWith(member(), {
      budgetDetail: [{ id: ours.id, fileName: '改名.pdf' }],
      registrationCertificate: [certificate],
    }).expect(201);
    expect(created.body.form.budgetDetail).toEqual([{ id: ours.id, fileName: '预算.xlsx' }]);
  });

  it('serves an attached file to those who may read the form, and to nobody else', async () => {
    const content = Buffer.from('%PDF-1.4 登记证书内容');
    const stored = await signedIn(stack.server, member())
      .post(`/api/organizations/${organizationId}/documents`)
      .attach('file', content, '登记证书.pdf')
      .expect(201);
    const budget = await uploadDocument(stack.server, organizationId, '预算.xlsx');
    const unattached = await uploadDocument(stack.server, organizationId, '草稿.pdf');
    const created = await draftWith(member(), {
      budgetDetail: [budget],
      registrationCertificate: [{ id: stored.body.id, fileName: '登记证书.pdf' }],
    }).expect(201);
    const path = (documentId: string) => `/api/applications/${created.body.id}/documents/${documentId}`;

    for (const headers of [member(), DISTRICT_COORDINATOR]) {
      const download = await signedIn(stack.server, headers)
        .get(path(stored.body.id))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, content)).toBe(0);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('登记证书.pdf')}`,
      );
    }
    // Another organization does not learn the application exists; a file never attached is not served.
    await signedIn(stack.server, outsider()).get(path(stored.body.id)).expect(404);
    await signedIn(stack.server, DISTRICT_COORDINATOR).get(path(unattached.id)).expect(404);
  });
});
