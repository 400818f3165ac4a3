import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
  message,
} from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, call, idempotencyKey, type Problem } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { DeliveryPanel } from '../DeliveryPanel';
import { ProblemAlert } from '../ProblemAlert';
import { downloadDocument, uploadDocument, type AttachedFile } from '../documents';
import { ListedProjectField } from '../ListedProjectField';
import {
  actionName,
  CLAIMED_PROJECT_FIELD,
  loadTemplate,
  stageName,
  type TemplateField,
  type TemplateView,
} from '../templates';
import { useLoad } from '../useLoad';
import { useSession } from '../useSession';

type FormValues = Record<string, unknown>;

/** The application form built from the program's template: draft, submit, status and timeline. */
export function ApplicationPage() {
  const { programId, applicationId } = useParams();
  const session = useSession();
  const { t, pick, language } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const location = useLocation();
  // A refusal met while creating the draft travels here with the redirect to it.
  const [problem, setProblem] = useState<Problem | undefined>(
    (location.state as { problem?: Problem } | null)?.problem,
  );
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [submitKey] = useState(idempotencyKey);

  const {
    data,
    problem: loadProblem,
    reload,
  } = useLoad(async () => {
    const application = applicationId
      ? await call(api.GET('/api/applications/{id}', { params: { path: { id: applicationId } } }))
      : undefined;
    const program = await call(
      api.GET('/api/programs/{id}', { params: { path: { id: programId ?? application!.programId } } }),
    );
    const template = await loadTemplate(program.templateKey);
    const timeline = applicationId
      ? await call(api.GET('/api/applications/{id}/timeline', { params: { path: { id: applicationId } } }))
      : [];
    return { application, program, template, timeline };
  }, [programId, applicationId]);

  const application = data?.application;
  const editable =
    !application || application.phase === 'draft' || application.phase === 'revision_requested';

  const fail = (error: unknown) =>
    setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });

  /** Saves the draft (creating it the first time) and returns its id. */
  const save = async (): Promise<string> => {
    const values = toApi(data!.template, form.getFieldsValue(true));
    // A bid's form (government-procurement) has no project name and asks its price as `bidAmount`: the
    // template names the field that carries the amount.
    const amount = values[data!.template.requestedAmountField ?? 'requestedAmount'];
    // A claim (公开认领) is called after the listed project it takes up.
    const claimed = data!.program.claiming?.projects.find(
      (project) => project.key === values[CLAIMED_PROJECT_FIELD],
    );
    const summary = {
      title:
        String(values.projectName ?? '').trim() ||
        (claimed ? `认领：${claimed.name.zh}` : '') ||
        (data!.template.requestedAmountField === 'bidAmount' ? `${data!.program.name} 投标` : '未命名项目'),
      requestedAmountFen: typeof amount === 'number' ? amount : 0,
      ...(typeof values.category === 'string' ? { category: values.category } : {}),
    };
    if (application) {
      await call(
        api.PATCH('/api/applications/{id}', {
          params: { path: { id: application.id } },
          body: { ...summary, form: values } as never,
        }),
      );
      return application.id;
    }
    const organization = await call(
      api.GET('/api/organizations/{id}', { params: { path: { id: session!.organizationId! } } }),
    );
    const created = await call(
      api.POST('/api/applications', {
        body: {
          programId: data!.program.id,
          organizationId: organization.id,
          street: organization.street,
          category: 'other',
          ...summary,
          form: values,
        } as never,
      }),
    );
    return created.id;
  };

  const onSave = async () => {
    setBusy('save');
    setProblem(undefined);
    try {
      const id = await save();
      void message.success(t('saved'));
      if (!application) navigate(`/applicant/applications/${id}`, { replace: true });
      else await reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(undefined);
    }
  };

  const onSubmit = async () => {
    setBusy('submit');
    setProblem(undefined);
    let id: string | undefined;
    try {
      id = await save();
      const action = application?.phase === 'revision_requested' ? 'resubmit' : undefined;
      if (action)
        await call(
          api.POST('/api/applications/{id}/actions/{action}', {
            params: { path: { id, action }, header: { 'Idempotency-Key': submitKey } },
            body: {},
          }),
        );
      else
        await call(
          api.POST('/api/applications/{id}/submit', {
            params: { path: { id }, header: { 'Idempotency-Key': submitKey } },
          }),
        );
      void message.success(t('submitted'));
      if (!application) navigate(`/applicant/applications/${id}`, { replace: true });
      else await reload();
    } catch (error) {
      fail(error);
      // A draft created on the way stays: open it, so the next click edits it instead of making another.
      if (!application && id)
        navigate(`/applicant/applications/${id}`, {
          replace: true,
          state: { problem: error instanceof ApiError ? error.problem : undefined },
        });
    } finally {
      setBusy(undefined);
    }
  };

  // Applying needs an organization to apply for; the applicant home registers one.
  if (!applicationId && !session?.organizationId) return <Navigate to="/applicant" replace />;
  if (loadProblem) return <ProblemAlert problem={loadProblem} />;
  if (!data) return <Card loading />;
  const { template, program, timeline } = data;
  // A public claiming program lists its projects: the form offers the list, and the claimed amount is the
  // chosen project's budget (the API refuses any other).
  const claiming = program.claiming ?? undefined;
  const amountField = template.requestedAmountField ?? 'requestedAmount';
  const fieldInput = (field: TemplateField) => {
    if (claiming && field.key === CLAIMED_PROJECT_FIELD)
      return (
        <ListedProjectField
          key={field.key}
          field={field}
          projects={claiming.projects}
          held={program.claimedProjectKeys ?? []}
          onPick={(project) => form.setFieldValue(amountField, project ? project.budgetFen / 100 : undefined)}
        />
      );
    if (claiming && field.key === amountField)
      return <FieldInput key={field.key} field={field} locked extra={t('claimAmountHelp')} />;
    return <FieldInput key={field.key} field={field} />;
  };
  // The coordinator's request (补正) says what to change and by when; the form reopens for it.
  const revision =
    application?.phase === 'revision_requested'
      ? timeline.filter((entry) => entry.action === 'request_revision').at(-1)
      : undefined;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/applicant">{t('back')}</Link>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{application?.title ?? program.name}</h1>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('program')}>{program.name}</Descriptions.Item>
          <Descriptions.Item label={t('stage')}>
            <Tag color="blue">{application ? stageName(template, application.stage, pick) : '—'}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('nextDeadline')}>
            <span data-testid="next-deadline">
              {dateTime(application?.nextDeadlineAt ?? program.submissionClosesAt, language)}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {application && application.phase !== 'draft' && (
        // Agreement, milestone reports, tranches and evaluation results once the case is awarded.
        <DeliveryPanel
          applicationId={application.id}
          organizationId={application.organizationId}
          template={template}
          onChanged={() => void reload()}
        />
      )}
      {application?.phase === 'revision_requested' && (
        <Alert
          type="warning"
          showIcon
          data-testid="revision-request"
          message={t('revisionRequested')}
          description={
            <>
              <div>{t('revisionHelp')}</div>
              {revision?.reason && <Typography.Paragraph strong>{revision.reason}</Typography.Paragraph>}
              <div>
                {t('deadline')}: {dateTime(application.nextDeadlineAt, language)}
              </div>
            </>
          }
        />
      )}
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={fromApi(template, application?.form ?? {})}
        key={application?.updatedAt ?? 'new'}
      >
        {template.form.sections.map((section) => (
          <Card key={section.key} title={pick(section.title)} style={{ marginBottom: 16 }}>
            {section.key === 'budget' ? (
              <BudgetTable fields={section.fields} form={form} />
            ) : (
              section.fields.map(fieldInput)
            )}
          </Card>
        ))}
      </Form>
      {editable && (
        <Space>
          <Button onClick={onSave} loading={busy === 'save'} disabled={!!busy}>
            {t('saveDraft')}
          </Button>
          <Button type="primary" onClick={onSubmit} loading={busy === 'submit'} disabled={!!busy}>
            {t('submit')}
          </Button>
        </Space>
      )}
      {application && (
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('timeline')}</h2>}>
          <Timeline
            items={timeline.map((entry) => ({
              key: entry.sequence,
              children: (
                <>
                  <Typography.Text strong>
                    {stageName(template, entry.fromStage, pick)} → {stageName(template, entry.toStage, pick)}
                  </Typography.Text>{' '}
                  <Tag>{actionName(entry.action, pick)}</Tag>
                  <div>
                    <Typography.Text type="secondary">{dateTime(entry.occurredAt, language)}</Typography.Text>
                  </div>
                  {entry.reason && <div>{entry.reason}</div>}
                </>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}

/** Form values as the API keeps them: money in fen, attachments as {id, fileName}. */
function toApi(template: TemplateView, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const section of template.form.sections)
    for (const field of section.fields) {
      const value = values[field.key];
      if (value === undefined || value === null || value === '') continue;
      if (field.type === 'money') out[field.key] = Math.round(Number(value) * 100);
      else if (field.type === 'attachment') {
        // Only files the store took: one still uploading or refused is not part of the form.
        const files = (value as { response?: AttachedFile }[])
          .map((file) => file.response)
          .filter((file): file is AttachedFile => file?.id !== undefined)
          .map(({ id, fileName }) => ({ id, fileName }));
        if (files.length > 0) out[field.key] = files;
      } else out[field.key] = value;
    }
  return out;
}

function fromApi(template: TemplateView, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const section of template.form.sections)
    for (const field of section.fields) {
      const value = values[field.key];
      if (value === undefined) continue;
      if (field.type === 'money' && typeof value === 'number') out[field.key] = value / 100;
      else if (field.type === 'attachment' && Array.isArray(value))
        out[field.key] = (value as AttachedFile[]).map((file) => ({
          uid: file.id,
          name: file.fileName,
          status: 'done',
          response: file,
        }));
      else out[field.key] = value;
    }
  return out;
}

/** One field of the template's form; `locked` shows a value the page sets itself (a claim's budget). */
function FieldInput({ field, locked, extra }: { field: TemplateField; locked?: boolean; extra?: string }) {
  const { pick, language } = useI18n();
  const label = pick(field.label);
  const rules = field.required
    ? [{ required: true, message: language === 'en' ? `${label} is required` : `请填写「${label}」` }]
    : [];
  const common = {
    name: field.key,
    label,
    rules,
    extra: extra ?? (field.help ? pick(field.help) : undefined),
  };
  switch (field.type) {
    case 'text':
      return (
        <Form.Item {...common}>
          <Input maxLength={field.maxLength} showCount={!!field.maxLength} />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item {...common}>
          <Input.TextArea rows={4} maxLength={field.maxLength} showCount={!!field.maxLength} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber
            min={field.min}
            max={field.max}
            precision={field.integer ? 0 : undefined}
            style={{ width: 200 }}
          />
        </Form.Item>
      );
    case 'money':
      return (
        <Form.Item {...common}>
          <InputNumber
            min={field.minFen !== undefined ? field.minFen / 100 : 0}
            max={field.maxFen !== undefined ? field.maxFen / 100 : undefined}
            precision={2}
            prefix="¥"
            disabled={locked}
            style={{ width: 200 }}
          />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item {...common}>
          <Select
            mode={field.multiple ? 'multiple' : undefined}
            options={(field.options ?? []).map((option) => ({
              value: option.value,
              label: pick(option.label),
            }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common}>
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
      );
    case 'attachment':
      return (
        <Form.Item
          {...common}
          valuePropName="fileList"
          getValueFromEvent={(event: { fileList: unknown[] }) => event.fileList}
        >
          <AttachmentUpload field={field} />
        </Form.Item>
      );
  }
}

/** The budget section as a table of its money lines with their total; other fields below it. */
function BudgetTable({
  fields,
  form,
}: {
  fields: TemplateField[];
  form: ReturnType<typeof Form.useForm<FormValues>>[0];
}) {
  const { t, pick } = useI18n();
  const money = fields.filter((field) => field.type === 'money');
  const others = fields.filter((field) => field.type !== 'money');
  const values = Form.useWatch([], form) ?? {};
  const total = money.reduce((sum, field) => sum + (Number(values[field.key]) || 0), 0);
  return (
    <>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={money}
        columns={[
          {
            title: t('budgetItem'),
            key: 'label',
            render: (_, field) => pick(field.label) + (field.required ? ' *' : ''),
          },
          {
            title: t('amountYuan'),
            key: 'amount',
            render: (_, field) => (
              <Form.Item
                name={field.key}
                style={{ margin: 0 }}
                rules={field.required ? [{ required: true, message: `请填写「${pick(field.label)}」` }] : []}
              >
                <InputNumber
                  aria-label={pick(field.label)}
                  min={field.minFen !== undefined ? field.minFen / 100 : 0}
                  max={field.maxFen !== undefined ? field.maxFen / 100 : undefined}
                  precision={2}
                  prefix="¥"
                  style={{ width: 200 }}
                />
              </Form.Item>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <span data-testid="budget-total">{yuan(Math.round(total * 100))}</span>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
        style={{ marginBottom: 16 }}
      />
      {others.map((field) => (
        <FieldInput key={field.key} field={field} />
      ))}
    </>
  );
}

/**
 * Files go to the document store as soon as they are chosen (the form then holds their ids); a refused file stays
 * in the list marked with the API's reason. A stored file opens as a download once the application exists.
 */
function AttachmentUpload({ field, ...control }: { field: TemplateField }) {
  const { t } = useI18n();
  const session = useSession();
  const { applicationId } = useParams();
  return (
    <Upload
      {...control}
      maxCount={field.maxFiles}
      accept={field.accept?.map((extension) => `.${extension}`).join(',')}
      customRequest={({ file, onSuccess, onError }) => {
        uploadDocument(session!.organizationId!, file as File)
          .then((stored) => onSuccess?.(stored))
          .catch((error: unknown) => {
            const reason =
              error instanceof ApiError
                ? (error.problem.errors?.[0]?.message ?? error.problem.detail ?? error.problem.title)
                : String(error);
            void message.error(`${t('uploadFailed')}：${reason}`);
            onError?.(
              Object.assign(new Error(reason), {
                status: error instanceof ApiError ? error.problem.status : 0,
              }),
            );
          });
      }}
      onPreview={(file) => {
        const stored = file.response as AttachedFile | undefined;
        if (applicationId && stored?.id) void downloadDocument(applicationId, stored);
      }}
    >
      <Button>{t('chooseFile')}</Button>
    </Upload>
  );
}
