import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, call, idempotencyKey, type Problem } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { DeliveryPanel } from '../DeliveryPanel';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate, PROCUREMENT_TEMPLATE, stageName, type LocalizedText } from '../templates';
import { useLoad } from '../useLoad';
import { ScreenModal, type ScreenDecision } from './CaseDetail';
import { AwardProposal } from '../AwardProposal';
import { RankingTable, scoreOrDash } from '../RankingTable';
import { ReasonModal } from '../ReasonModal';
import { Calendar, type Data } from './CoordinatorProgram';

// The purchasing department's pages (采购单位): its purchases of services on the government-procurement template,
// from the tender to the contract. Everything here goes through the same program and case routes as grants;
// the template decides which stage does what.

// The template's stage keys the pages single out (libs/domain/src/templates/government-procurement.ts).
const TENDER = 'tender';
const COMMITTEE = 'committee-evaluation';
const AWARD = 'award';

/** The purchasing department's tenders, newest first, with the way to a new one. */
export function PurchaserHome() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { data, problem, loading } = useLoad(() => call(api.GET('/api/programs')), []);
  const tenders = (data ?? []).filter((program) => program.templateKey === PROCUREMENT_TEMPLATE);
  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('tenders')}</h1>}
      extra={
        <Button type="primary" onClick={() => navigate('/purchaser/new')}>
          {t('newTender')}
        </Button>
      }
    >
      <ProblemAlert problem={problem} />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={tenders}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('program'),
            dataIndex: 'name',
            render: (name: string, program) => <Link to={`/purchaser/programs/${program.id}`}>{name}</Link>,
          },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 110,
            render: (status: string) => (
              <Tag color={status === 'published' ? 'green' : undefined}>
                {t(status === 'draft' ? 'programDraft' : status === 'published' ? 'open' : 'closed')}
              </Tag>
            ),
          },
          {
            title: t('deadline'),
            dataIndex: 'stageDeadline',
            width: 170,
            render: (iso: string | null) => dateTime(iso, language),
          },
          {
            title: t('budgetCeiling'),
            dataIndex: 'budgetFen',
            width: 150,
            render: (fen: number) => yuan(fen),
          },
        ]}
      />
    </Card>
  );
}

interface MilestoneInput {
  name: string;
  percent: number;
  /** `report:<key>` (a delivery report accepted) or `evaluation:<phase>` (a passed evaluation). */
  on: string;
}
interface TenderInput {
  name: string;
  /** The bid deadline (投标截止时间) as the browser's datetime-local value, in the user's time zone. */
  submissionClosesAt: string;
  method: 'open_tender' | 'competitive_consultation';
  budgetCeilingYuan: number;
  priceWeightPercent: number;
  minValidBids: number;
  tenderPeriodWorkingDays: number;
  confirmationWorkingDays: number;
  committeeSize: number;
  committeeExperts: number;
  milestones: MilestoneInput[];
}

// DOMAIN.md's defaults for an open tender; the API checks the rules and names the fields it refuses.
const DEFAULTS: TenderInput = {
  name: '',
  submissionClosesAt: '',
  method: 'open_tender',
  budgetCeilingYuan: 500_000,
  priceWeightPercent: 10,
  minValidBids: 3,
  tenderPeriodWorkingDays: 20,
  confirmationWorkingDays: 5,
  committeeSize: 5,
  committeeExperts: 4,
  milestones: [
    { name: '首期交付验收', percent: 40, on: 'report:first-delivery' },
    { name: '末期评估合格', percent: 60, on: 'evaluation:final' },
  ],
};

/** The API's field (`procurement.committee.size`) → the form's, so that its message shows under the input. */
function formField(apiField: string): (string | number)[] | undefined {
  const field = apiField.replace(/^procurement\./, '');
  const milestone = /^paymentMilestones(?:\[(\d+)\]|\.(\d+))?/.exec(field);
  if (milestone) return ['milestones', Number(milestone[1] ?? milestone[2] ?? 0), 'percent'];
  if (field.startsWith('committee.size.experts') || field.startsWith('committee.experts'))
    return ['committeeExperts'];
  if (field.startsWith('committee')) return ['committeeSize'];
  const direct: Record<string, string> = {
    name: 'name',
    submissionClosesAt: 'submissionClosesAt',
    budgetFen: 'budgetCeilingYuan',
    budgetCeilingFen: 'budgetCeilingYuan',
    method: 'method',
    priceWeightPercent: 'priceWeightPercent',
    minValidBids: 'minValidBids',
    tenderPeriodWorkingDays: 'tenderPeriodWorkingDays',
    confirmationWorkingDays: 'confirmationWorkingDays',
  };
  return direct[field] ? [direct[field]] : undefined;
}

/** The procurement settings form (采购需求与评审设置); the API's refusals show under the fields they name. */
export function TenderCreate() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // Untyped store: the API's refusals name fields by path, which the typed name paths cannot express.
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);

  const send = async (values: TenderInput) => {
    setBusy(true);
    setProblem(undefined);
    // Clear the previous refusal's messages; the API answers the whole form again.
    form.setFields(
      form
        .getFieldsError()
        .filter((field) => field.errors.length > 0)
        .map((field) => ({ name: field.name, errors: [] })),
    );
    const ceilingFen = Math.round(values.budgetCeilingYuan * 100);
    try {
      const created = await call(
        api.POST('/api/programs', {
          headers: { 'Idempotency-Key': key },
          body: {
            name: values.name.trim(),
            templateKey: PROCUREMENT_TEMPLATE,
            budgetFen: ceilingFen,
            submissionClosesAt: new Date(values.submissionClosesAt).toISOString(),
            // Short test-sized stages exist only where the server allows them (the test stack); elsewhere the
            // API refuses the flag, so it cannot shorten a real tender.
            ...(search.get('testSized') === '1' ? { testSized: true } : {}),
            procurement: {
              method: values.method,
              budgetCeilingFen: ceilingFen,
              priceWeightPercent: values.priceWeightPercent,
              minValidBids: values.minValidBids,
              tenderPeriodWorkingDays: values.tenderPeriodWorkingDays,
              confirmationWorkingDays: values.confirmationWorkingDays,
              committee: { size: values.committeeSize, experts: values.committeeExperts },
              paymentMilestones: values.milestones.map((milestone, index) => {
                const [event, target] = milestone.on.split(':');
                return {
                  key: `milestone-${index + 1}`,
                  name: { zh: milestone.name, en: milestone.name },
                  percent: milestone.percent,
                  on:
                    event === 'report'
                      ? { event: 'delivery' as const, reportKey: target }
                      : { event: 'evaluation' as const, phase: target },
                };
              }),
            },
          } as never,
        }),
      );
      void message.success(t('done'));
      navigate(`/purchaser/programs/${(created as { id: string }).id}`);
    } catch (error) {
      const refusal = error instanceof ApiError ? error.problem : { title: String(error), status: 0 };
      setProblem(refusal);
      const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const fieldError of refusal.errors ?? []) {
        const name = formField(fieldError.field);
        if (!name) continue;
        const entry = byField.get(name.join('.')) ?? { name, errors: [] };
        entry.errors.push(fieldError.message);
        byField.set(name.join('.'), entry);
      }
      form.setFields([...byField.values()]);
    } finally {
      setBusy(false);
    }
  };

  // What a payment may wait for: the delivery reports the template's implementation stages ask for, or a
  // passed mid-term or final evaluation.
  const { data: template } = useLoad(() => loadTemplate(PROCUREMENT_TEMPLATE), []);
  const reports = (template?.stages ?? []).flatMap(
    (stage) =>
      ((stage as { settings?: { reports?: { key: string; name: LocalizedText }[] } }).settings?.reports ??
        []) as { key: string; name: LocalizedText }[],
  );
  const paidOn = [
    ...reports.map((report) => ({
      value: `report:${report.key}`,
      label: `${t('onDelivery')}: ${pick(report.name)}`,
    })),
    { value: 'evaluation:midterm', label: t('onMidterm') },
    { value: 'evaluation:final', label: t('onFinal') },
  ];
  const number = (name: keyof TenderInput, label: MessageKey, props: object = {}) => (
    <Form.Item label={t(label)} name={name} rules={[{ required: true }]}>
      <InputNumber style={{ width: 200 }} {...props} />
    </Form.Item>
  );
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('newTender')}</h1>}>
      <Link to="/purchaser">{t('back')}</Link>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={DEFAULTS} onFinish={send} style={{ maxWidth: 720 }}>
        <Form.Item label={t('tenderName')} name="name" rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('bidDeadline')} name="submissionClosesAt" rules={[{ required: true }]}>
          <Input type="datetime-local" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label={t('procurementMethod')} name="method" rules={[{ required: true }]}>
          <Select
            style={{ width: 240 }}
            options={[
              { value: 'open_tender', label: t('openTender') },
              { value: 'competitive_consultation', label: t('competitiveConsultation') },
            ]}
          />
        </Form.Item>
        {number('budgetCeilingYuan', 'budgetCeiling', { min: 0.01, precision: 2 })}
        {number('priceWeightPercent', 'priceWeight', { min: 0, max: 100, precision: 2 })}
        {number('minValidBids', 'minValidBids', { min: 1, precision: 0 })}
        {number('tenderPeriodWorkingDays', 'tenderPeriod', { min: 1, precision: 0 })}
        {number('confirmationWorkingDays', 'confirmationPeriod', { min: 1, precision: 0 })}
        {number('committeeSize', 'committeeSize', { min: 1, precision: 0 })}
        {number('committeeExperts', 'committeeExperts', { min: 0, precision: 0 })}
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('paymentMilestones')}
        </Typography.Title>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    label={t('milestoneName')}
                    name={[field.name, 'name']}
                    rules={[{ required: true, max: 200 }]}
                  >
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item label={t('percent')} name={[field.name, 'percent']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} precision={0} />
                  </Form.Item>
                  <Form.Item label={t('paidOn')} name={[field.name, 'on']} rules={[{ required: true }]}>
                    <Select style={{ width: 220 }} options={paidOn} />
                  </Form.Item>
                  <Button style={{ marginTop: 30 }} onClick={() => remove(field.name)}>
                    {t('remove')}
                  </Button>
                </Space>
              ))}
              <Form.Item>
                <Button onClick={() => add({ name: '', percent: 10, on: 'evaluation:final' })}>
                  {t('addLine')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('create')}
        </Button>
      </Form>
    </Card>
  );
}

/** One tender for its purchasing department: calendar, bids and qualification, committee, award, contracts. */
export function TenderProgram() {
  const { programId } = useParams();
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const { data, problem, reload } = useLoad(async () => {
    const path = { params: { path: { id: programId! } } };
    const [program, calendar, stats] = await Promise.all([
      call(api.GET('/api/programs/{id}', path)),
      call(api.GET('/api/programs/{id}/calendar', path)),
      call(api.GET('/api/programs/{id}/stats', path)),
    ]);
    const template = await loadTemplate(program.templateKey);
    return { program, calendar, stats, template };
  }, [programId]);
  if (problem) return <ProblemAlert problem={problem} />;
  if (!data) return <Card loading />;
  const tab = search.get('tab') ?? 'bids';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/purchaser">{t('back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {data.program.name}
      </Typography.Title>
      <Overview {...data} onChanged={reload} />
      <Tabs
        activeKey={tab}
        onChange={(next) => setSearch({ tab: next })}
        items={[
          { key: 'bids', label: t('bids'), children: <Bids {...data} onChanged={reload} /> },
          {
            key: 'calendar',
            label: t('calendar'),
            children: <TenderCalendar {...data} onChanged={reload} />,
          },
          { key: 'committee', label: t('committee'), children: <Committee {...data} /> },
          { key: 'award', label: t('awardProposal'), children: <Award {...data} onChanged={reload} /> },
          { key: 'contracts', label: t('contracts'), children: <Contracts {...data} /> },
        ]}
      />
    </Space>
  );
}

function Overview({ program, template, onChanged }: Data & { onChanged: () => void }) {
  const { t, pick, language } = useI18n();
  const [problem, setProblem] = useState<Problem>();
  const publish = async () => {
    setProblem(undefined);
    try {
      await call(api.POST('/api/programs/{id}/publish', { params: { path: { id: program.id } } }));
      void message.success(t('done'));
      onChanged();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('status')}>
          <Tag data-testid="tender-status">
            {t(
              program.status === 'draft'
                ? 'programDraft'
                : program.status === 'published'
                  ? 'open'
                  : 'closed',
            )}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('stage')}>
          <span data-testid="tender-stage">
            {program.currentStage ? stageName(template, program.currentStage, pick) : '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('deadline')}>
          {dateTime(program.stageDeadline, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('budgetCeiling')}>{yuan(program.budgetFen)}</Descriptions.Item>
      </Descriptions>
      {program.status === 'draft' && (
        <Popconfirm title={t('publish')} onConfirm={publish} okText={t('submit')} cancelText={t('cancel')}>
          <Button type="primary" style={{ marginTop: 8 }}>
            {t('publish')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}

/**
 * The bids: before the opening the list only says that a bid came in (the API sends sealed bids without form
 * or price); after it, qualification (资格审查) screens each bid.
 */
function Bids({ program, template, onChanged }: Data & { onChanged: () => void }) {
  const { t, pick, language } = useI18n();
  const [acting, setActing] = useState<{ id: string; decision: ScreenDecision }>();
  const { data, problem, loading, reload } = useLoad(
    () =>
      call(
        api.GET('/api/programs/{id}/applications', {
          params: { path: { id: program.id }, query: { pageSize: 200 } },
        }),
      ),
    [program.id],
  );
  const sealed = program.currentStage === TENDER || program.status === 'draft';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProblemAlert problem={problem} />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 900 }}
        pagination={false}
        columns={[
          {
            title: t('bid'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/coordinator/applications/${row.id}`}>{title}</Link>,
          },
          {
            title: t('bidPrice'),
            dataIndex: 'requestedAmountFen',
            width: 200,
            render: (fen: number) =>
              sealed ? (
                <Tag color="gold">{t('sealed')}</Tag>
              ) : (
                <span data-testid="bid-price">{yuan(fen)}</span>
              ),
          },
          {
            title: t('stage'),
            dataIndex: 'stage',
            width: 150,
            render: (stage: string) => <Tag>{stageName(template, stage, pick)}</Tag>,
          },
          {
            title: t('submitted'),
            dataIndex: 'submittedAt',
            width: 170,
            render: (iso: string | null) => (iso ? dateTime(iso, language) : '—'),
          },
          {
            title: t('qualification'),
            key: 'qualify',
            width: 240,
            render: (_, row) =>
              row.stage === 'opening-qualification' && row.phase === 'awaiting_screening' ? (
                <Space>
                  <Button
                    size="small"
                    aria-label={`${t('qualified')}: ${row.title}`}
                    onClick={() => setActing({ id: row.id, decision: 'eligible' })}
                  >
                    {t('qualified')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    aria-label={`${t('notQualified')}: ${row.title}`}
                    onClick={() => setActing({ id: row.id, decision: 'ineligible' })}
                  >
                    {t('notQualified')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {acting && (
        <ScreenModal
          applicationId={acting.id}
          decision={acting.decision}
          onClose={(changed) => {
            setActing(undefined);
            if (changed) {
              void reload();
              onChanged();
            }
          }}
        />
      )}
    </Space>
  );
}

/** The calendar with extend and close, and the amendment of the tender documents while bids come in. */
function TenderCalendar(props: Data & { onChanged: () => void }) {
  const { t } = useI18n();
  const [amending, setAmending] = useState(false);
  const tenderOpen = props.calendar.some((stage) => stage.key === TENDER && stage.status === 'open');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {tenderOpen && <Button onClick={() => setAmending(true)}>{t('amendTender')}</Button>}
      <Calendar {...props} owner />
      {amending && (
        <ReasonModal
          title={t('amendTender')}
          deadline="optional"
          send={(reason, until) =>
            call(
              api.POST('/api/programs/{id}/stages/{stageKey}/amend', {
                params: { path: { id: props.program.id, stageKey: TENDER } },
                body: { reason: reason ?? '', ...(until ? { until } : {}) } as never,
              }),
            )
          }
          onClose={(changed) => {
            setAmending(false);
            if (changed) props.onChanged();
          }}
        />
      )}
    </Space>
  );
}

/** The committee's progress and the ranking: the technical total scaled, the price part, the sum. */
function Committee({ program, calendar }: Data) {
  const { t, pick } = useI18n();
  const stage = calendar.find((entry) => entry.key === COMMITTEE);
  // The ranking counts each bid's submitted sheets; the review-progress route names the experts, which stays
  // with the district's staff, so the department's progress comes from here.
  const { data, problem, loading } = useLoad(async () => {
    if (!stage || stage.status === 'upcoming') return undefined;
    const ranking = await call(
      api.GET('/api/programs/{id}/stages/{stageKey}/ranking', {
        params: { path: { id: program.id, stageKey: COMMITTEE } },
      }),
    );
    return { ranking };
  }, [program.id, stage?.status]);
  const submitted = (data?.ranking.entries ?? []).reduce((sum, entry) => sum + entry.reviewCount, 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProblemAlert problem={problem} />
      {data && (
        <Typography.Text data-testid="committee-progress">
          {t('reviewProgress')}: {t('submittedReviews')} {submitted}
        </Typography.Text>
      )}
      {data && <Typography.Text type="secondary">{pick(data.ranking.basisRule)}</Typography.Text>}
      <RankingTable
        entries={data?.ranking.entries ?? []}
        loading={loading}
        subject="bid"
        amountLabel="bidPrice"
        paginate={false}
        scoreColumns={[
          {
            title: t('technicalScore'),
            key: 'technical',
            width: 110,
            render: (_, row) =>
              row.score === null || row.score === undefined
                ? '—'
                : round2(row.score - (row.criteria?.price ?? 0)).toString(),
          },
          {
            title: t('priceScore'),
            key: 'price',
            width: 110,
            render: (_, row) => row.criteria?.price ?? '—',
          },
          { title: t('comprehensiveScore'), dataIndex: 'score', width: 110, render: scoreOrDash },
        ]}
      />
    </Space>
  );
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The award proposal with confirm, and "award the next ranked" with a reason before the confirmation. */
function Award(props: Data & { onChanged: () => void }) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  const [version, setVersion] = useState(0);
  return (
    <>
      {/* Remounted after a pick-next so the proposal is read again. */}
      <AwardProposal
        key={version}
        {...props}
        actions={<Button onClick={() => setPicking(true)}>{t('pickNext')}</Button>}
      />
      {picking && (
        <ReasonModal
          title={t('pickNext')}
          send={(reason) =>
            call(
              api.POST('/api/programs/{id}/stages/{stageKey}/award-proposal/pick-next', {
                params: { path: { id: props.program.id, stageKey: AWARD } },
                body: (reason ? { reason } : {}) as never,
              }),
            )
          }
          onClose={(changed) => {
            setPicking(false);
            if (changed) setVersion((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

/**
 * Contracts and payments per awarded bid: the contract price is the award and the paid total the released
 * tranches; each row opens into the delivery panel where the department signs and releases payments.
 */
function Contracts({ program, template }: Data) {
  const { t, pick, language } = useI18n();
  const { data, problem, loading, reload } = useLoad(async () => {
    const bids = await call(
      api.GET('/api/programs/{id}/applications', {
        params: { path: { id: program.id }, query: { pageSize: 200 } },
      }),
    );
    const awarded = bids.filter((bid) => bid.awardedFen !== null && bid.awardedFen !== undefined);
    return Promise.all(
      awarded.map(async (bid) => {
        // Paid so far: the released tranches, whether an event or the department released them.
        const delivery = await call(
          api.GET('/api/applications/{id}/delivery', { params: { path: { id: bid.id } } }),
        );
        const paidFen = delivery.tranches
          .filter((tranche) => tranche.status === 'released')
          .reduce((sum, tranche) => sum + tranche.amountFen, 0);
        return { ...bid, paidFen };
      }),
    );
  }, [program.id]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProblemAlert problem={problem} />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        locale={{ emptyText: t('noItems') }}
        pagination={false}
        scroll={{ x: 700 }}
        // Each contract opens into the shared delivery panel: signing, reports, tranches, evaluations.
        expandable={{
          expandedRowRender: (row) => (
            <DeliveryPanel
              applicationId={row.id}
              organizationId={row.organizationId}
              template={template}
              onChanged={() => void reload()}
            />
          ),
        }}
        columns={[
          {
            title: t('bidder'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/coordinator/applications/${row.id}`}>{title}</Link>,
          },
          {
            title: t('contractPrice'),
            dataIndex: 'awardedFen',
            width: 150,
            render: (fen: number | null) => yuan(fen),
          },
          {
            title: t('paid'),
            dataIndex: 'paidFen',
            width: 150,
            render: (fen: number) => <span data-testid="paid-total">{yuan(fen)}</span>,
          },
          {
            title: t('stage'),
            dataIndex: 'stage',
            width: 150,
            render: (stage: string) => <Tag>{stageName(template, stage, pick)}</Tag>,
          },
          {
            title: t('nextDeadline'),
            dataIndex: 'nextDeadlineAt',
            width: 170,
            render: (iso: string | null) => dateTime(iso, language),
          },
        ]}
      />
    </Space>
  );
}
