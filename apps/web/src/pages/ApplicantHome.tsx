import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError, call, type Problem } from '../api/client';
import { actFor, refresh } from '../api/auth';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate, PROCUREMENT_TEMPLATE, stageName, type TemplateView } from '../templates';
import { useLoad } from '../useLoad';
import { useSession } from '../useSession';

// The streets of the district; the API has no list of them yet.
export const STREETS = ['湖滨街道', '清波街道', '小营街道', '紫阳街道', '望江街道', '南星街道'];

const KINDS = [
  { value: 'community_filed', zh: '社区社会组织（备案）', en: 'Community organization (filed)' },
  { value: 'social_group', zh: '社会团体', en: 'Social group' },
  { value: 'private_non_enterprise', zh: '民办非企业单位', en: 'Private non-enterprise unit' },
  { value: 'foundation', zh: '基金会', en: 'Foundation' },
] as const;

/** An applicant organization's home: open calls and its applications with their stage and next deadline. */
export function ApplicantHome() {
  const session = useSession();
  const { t } = useI18n();
  if (!session?.organizationId)
    return (
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('registerOrganization')}</h1>}>
        <Typography.Paragraph>{t('noOrganization')}</Typography.Paragraph>
        <RegisterOrganization />
      </Card>
    );
  return <Applications organizationId={session.organizationId} />;
}

function RegisterOrganization() {
  const { t, language } = useI18n();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (values: {
    name: string;
    kind: (typeof KINDS)[number]['value'];
    street: string;
  }) => {
    setBusy(true);
    try {
      const organization = await call(api.POST('/api/organizations', { body: values }));
      // The founder is the organization's admin; a renewed token carries the membership.
      await refresh();
      actFor(organization.id);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form layout="vertical" onFinish={onFinish} style={{ maxWidth: 480 }}>
        <Form.Item label={t('organizationName')} name="name" rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('organizationKind')} name="kind" rules={[{ required: true }]}>
          <Select
            options={KINDS.map((kind) => ({
              value: kind.value,
              label: language === 'en' ? kind.en : kind.zh,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('street')} name="street" rules={[{ required: true }]}>
          <Select options={STREETS.map((street) => ({ value: street, label: street }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('register')}
        </Button>
      </Form>
    </>
  );
}

interface MyApplication {
  id: string;
  title: string;
  programName: string;
  stage: string;
  terminal?: string | null;
  nextDeadlineAt?: string | null;
  requestedAmountFen: number;
  template?: TemplateView;
}

function Applications({ organizationId }: { organizationId: string }) {
  const { t, pick, language } = useI18n();
  const navigate = useNavigate();
  const session = useSession();
  const { data, problem, loading } = useLoad(async () => {
    const [programs, applications] = await Promise.all([
      call(api.GET('/api/programs')),
      call(api.GET('/api/organizations/{id}/applications', { params: { path: { id: organizationId } } })),
    ]);
    const now = Date.now();
    const open = programs.filter(
      (program) =>
        program.status === 'published' &&
        program.submissionClosesAt &&
        new Date(program.submissionClosesAt).getTime() > now,
    );
    const byId = new Map(programs.map((program) => [program.id, program]));
    const mine: MyApplication[] = [];
    for (const application of applications) {
      const program = byId.get(application.programId);
      mine.push({
        ...application,
        programName: program?.name ?? '',
        template: program ? await loadTemplate(program.templateKey) : undefined,
      });
    }
    return { open, mine };
  }, [organizationId]);

  const organization = session?.user.organizations.find((candidate) => candidate.id === organizationId);
  // Tenders (purchases of services) take bids through the same form page as applications, from their template.
  const grants = (data?.open ?? []).filter((program) => program.templateKey !== PROCUREMENT_TEMPLATE);
  const tenders = (data?.open ?? []).filter((program) => program.templateKey === PROCUREMENT_TEMPLATE);
  const openTable = (programs: typeof grants, action: 'apply' | 'bid') => (
    <Table
      rowKey="id"
      pagination={false}
      dataSource={programs}
      locale={{ emptyText: t('noItems') }}
      columns={[
        { title: t('program'), dataIndex: 'name' },
        {
          title: t(action === 'bid' ? 'budgetCeiling' : 'budgetTotal'),
          dataIndex: 'budgetFen',
          render: (fen: number) => yuan(fen),
          width: 160,
        },
        {
          title: t('deadline'),
          dataIndex: 'submissionClosesAt',
          render: (iso: string) => dateTime(iso, language),
          width: 180,
        },
        {
          title: '',
          key: 'apply',
          width: 100,
          render: (_, program) => (
            <Button
              type="primary"
              aria-label={`${t(action)}: ${program.name}`}
              onClick={() => navigate(`/applicant/programs/${program.id}/apply`)}
            >
              {t(action)}
            </Button>
          ),
        },
      ]}
    />
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {organization && (
        <Space>
          <Typography.Text type="secondary">
            {t('actingFor')}: {organization.name}
          </Typography.Text>
          {(session?.user.organizations.length ?? 0) > 1 && (
            <Select
              aria-label={t('actingFor')}
              value={organizationId}
              onChange={actFor}
              options={session!.user.organizations.map((o) => ({ value: o.id, label: o.name }))}
              style={{ minWidth: 220 }}
            />
          )}
        </Space>
      )}
      <ProblemAlert problem={problem} />
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('openPrograms')}</h1>} loading={loading}>
        {openTable(grants, 'apply')}
      </Card>
      {tenders.length > 0 && (
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('openTenders')}</h2>} loading={loading}>
          {openTable(tenders, 'bid')}
        </Card>
      )}
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('myApplications')}</h2>} loading={loading}>
        <Table<MyApplication>
          rowKey="id"
          dataSource={data?.mine ?? []}
          locale={{ emptyText: t('noItems') }}
          scroll={{ x: 720 }}
          columns={[
            {
              title: t('title'),
              dataIndex: 'title',
              render: (title: string, row) => <Link to={`/applicant/applications/${row.id}`}>{title}</Link>,
            },
            { title: t('program'), dataIndex: 'programName' },
            {
              title: t('stage'),
              dataIndex: 'stage',
              width: 140,
              render: (stage: string, row) => <Tag>{stageName(row.template, stage, pick)}</Tag>,
            },
            {
              title: t('requested'),
              dataIndex: 'requestedAmountFen',
              width: 130,
              render: (fen: number) => yuan(fen),
            },
            {
              title: t('nextDeadline'),
              dataIndex: 'nextDeadlineAt',
              width: 170,
              render: (iso: string | null) => dateTime(iso, language),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
