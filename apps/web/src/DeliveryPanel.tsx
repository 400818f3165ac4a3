import {
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
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { api, ApiError, call, idempotencyKey, type Problem } from './api/client';
import type { components } from './api/schema';
import { dateTime, yuan } from './format';
import { useI18n, type MessageKey } from './i18n';
import { ProblemAlert } from './ProblemAlert';
import { stageActions, type GradeBand, type TemplateView } from './templates';
import { useLoad } from './useLoad';
import { useSession } from './useSession';

type Delivery = components['schemas']['DeliveryView'];
type CaseAction =
  | 'sign_agreement'
  | 'submit_report'
  | 'accept_report'
  | 'request_revision'
  | 'release_tranche'
  | 'record_evaluation';

// The signatories' roles as people call them.
const ROLE_NAMES: Record<string, MessageKey> = {
  applicant: 'roleApplicant',
  'coordinator:district': 'roleDistrict',
  'coordinator:street': 'roleStreet',
  purchaser: 'rolePurchaser',
  funder: 'roleFunder',
};
const REPORT_STATUS: Record<string, MessageKey> = {
  due: 'reportDue',
  submitted: 'reportSubmitted',
  accepted: 'reportAccepted',
};
const TRANCHE_STATUS: Record<string, MessageKey> = {
  pending: 'tranchePending',
  released: 'trancheReleased',
  stopped: 'trancheStopped',
};

/** The grade a 0–100 score falls in, as the engine grades it (the top band includes 100). */
function gradeFor(grades: readonly GradeBand[], score: number): GradeBand | undefined {
  return grades.find(
    (band) => score >= band.minScore && (score < band.maxScore || (band.maxScore === 100 && score === 100)),
  );
}

/**
 * After the award, one panel for everyone who follows a case: the award, who signed the agreement (contract),
 * the milestone reports, the tranches and the evaluation results, with the actions the signed-in user's roles
 * may take in the current stage (the template's permissions decide; the API refuses the rest).
 */
export function DeliveryPanel({
  applicationId,
  organizationId,
  template,
  version,
  onChanged,
}: {
  applicationId: string;
  /** The applying organization: acting for it makes the user the applicant. */
  organizationId?: string;
  template: TemplateView;
  /**
   * The case's version as the page last read it: when it changes (the page decided the award, say), the panel
   * reads the delivery again.
   */
  version?: string;
  onChanged?: () => void;
}) {
  const { t, pick, language } = useI18n();
  const session = useSession();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState<string>();
  const [reportForm] = Form.useForm<{ reportKey?: string; summary?: string }>();
  const [reviewComment, setReviewComment] = useState('');
  const [evaluationForm] = Form.useForm<{ score?: number; reason?: string }>();
  const score = Form.useWatch('score', evaluationForm);
  const {
    data,
    problem: loadProblem,
    reload,
  } = useLoad(
    () => call(api.GET('/api/applications/{id}/delivery', { params: { path: { id: applicationId } } })),
    [applicationId, version],
  );

  if (loadProblem) return <ProblemAlert problem={loadProblem} />;
  if (!data) return <Card loading />;
  const delivery: Delivery = data;
  // Nothing to show before the award: the panel appears once there is something to sign or deliver.
  if (!delivery.award && delivery.tranches.length === 0 && delivery.evaluations.length === 0) return null;

  const roles = [
    ...(session?.user.roles ?? []),
    ...(organizationId && session?.organizationId === organizationId ? ['applicant'] : []),
  ];
  const allowed = stageActions(template, delivery.stage, roles);
  const may = (action: CaseAction) => allowed.has(action);
  const stage = template.stages.find((candidate) => candidate.key === delivery.stage);
  const grades = stage?.settings?.grades ?? [];
  const preview = typeof score === 'number' ? gradeFor(grades, score) : undefined;
  const signatures = delivery.signatures;
  const mySideUnsigned =
    signatures?.required.some((role) => roles.includes(role) && !signatures.signed.includes(role)) ?? false;
  const dueReports = delivery.reports.filter((report) => report.status === 'due');

  const act = async (action: CaseAction, body: Record<string, unknown>, busyKey: string = action) => {
    setBusy(busyKey);
    setProblem(undefined);
    try {
      await call(
        api.POST('/api/applications/{id}/actions/{action}', {
          params: { path: { id: applicationId, action }, header: { 'Idempotency-Key': idempotencyKey() } },
          body,
        }),
      );
      void message.success(t('done'));
      await reload();
      onChanged?.();
      return true;
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const submitReport = async () => {
    const { reportKey, summary } = await reportForm.validateFields();
    if (await act('submit_report', { reportKey, reason: summary })) reportForm.resetFields();
  };
  const recordEvaluation = async () => {
    const values = await evaluationForm.validateFields();
    if (await act('record_evaluation', { score: values.score, reason: values.reason }))
      evaluationForm.resetFields();
  };

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('delivery')}</h2>} data-testid="delivery-panel">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <ProblemAlert problem={problem} />
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          {delivery.award && (
            <Descriptions.Item label={t('award')}>
              <span data-testid="delivery-award">
                {delivery.award.tierName ? `${pick(delivery.award.tierName)} · ` : ''}
                {yuan(delivery.award.amountFen)}
              </span>
            </Descriptions.Item>
          )}
          {signatures && (
            <Descriptions.Item label={`${t('signatures')} · ${pick(signatures.stageName)}`}>
              <Space wrap data-testid="signatures">
                {signatures.required.map((role) => {
                  const signed = signatures.signed.includes(role);
                  const name = ROLE_NAMES[role] ? t(ROLE_NAMES[role]) : role;
                  return (
                    <Tag key={role} color={signed ? 'green' : undefined}>
                      {`${name}：${t(signed ? 'signed' : 'notSigned')}`}
                    </Tag>
                  );
                })}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {may('sign_agreement') && delivery.stageKind === 'agreement' && mySideUnsigned && (
          <Button
            type="primary"
            loading={busy === 'sign_agreement'}
            onClick={() => void act('sign_agreement', {})}
          >
            {t('signAgreement')}
          </Button>
        )}

        {delivery.reports.length > 0 && (
          <section aria-label={t('reports')}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('reports')}
            </Typography.Title>
            {(may('accept_report') || may('request_revision')) &&
              delivery.reports.some((report) => report.status === 'submitted') && (
                <Form layout="vertical">
                  <Form.Item label={t('reviewComment')} htmlFor="delivery-review-comment">
                    <Input.TextArea
                      id="delivery-review-comment"
                      rows={2}
                      maxLength={2000}
                      value={reviewComment}
                      onChange={(event) => setReviewComment(event.target.value)}
                    />
                  </Form.Item>
                </Form>
              )}
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 600 }}
              dataSource={delivery.reports}
              columns={[
                { title: t('report'), key: 'name', render: (_, report) => pick(report.name) },
                {
                  title: t('dueAt'),
                  dataIndex: 'dueAt',
                  width: 170,
                  render: (iso: string) => dateTime(iso, language),
                },
                {
                  title: t('status'),
                  key: 'status',
                  width: 170,
                  render: (_, report) => (
                    <Space size={4} wrap>
                      <Tag color={report.status === 'accepted' ? 'green' : undefined}>
                        {t(REPORT_STATUS[report.status])}
                      </Tag>
                      {report.overdue && <Tag color="red">{t('overdue')}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: '',
                  key: 'actions',
                  width: 190,
                  render: (_, report) =>
                    report.status === 'submitted' ? (
                      <Space wrap>
                        {may('accept_report') && (
                          <Button
                            size="small"
                            type="primary"
                            aria-label={`${t('acceptReport')}: ${pick(report.name)}`}
                            loading={busy === `accept:${report.key}`}
                            onClick={() =>
                              void act(
                                'accept_report',
                                { reportKey: report.key, reason: reviewComment || undefined },
                                `accept:${report.key}`,
                              ).then((done) => done && setReviewComment(''))
                            }
                          >
                            {t('acceptReport')}
                          </Button>
                        )}
                        {may('request_revision') && (
                          // The reason is the API's to require: sending back without one is refused with why.
                          <Button
                            size="small"
                            aria-label={`${t('returnReport')}: ${pick(report.name)}`}
                            loading={busy === `return:${report.key}`}
                            onClick={() =>
                              void act(
                                'request_revision',
                                { reportKey: report.key, reason: reviewComment || undefined },
                                `return:${report.key}`,
                              ).then((done) => done && setReviewComment(''))
                            }
                          >
                            {t('returnReport')}
                          </Button>
                        )}
                      </Space>
                    ) : null,
                },
              ]}
            />
            {may('submit_report') && dueReports.length > 0 && (
              <Form form={reportForm} layout="vertical" style={{ marginTop: 12, maxWidth: 640 }}>
                <Form.Item name="reportKey" label={t('report')} rules={[{ required: true }]}>
                  <Select
                    options={dueReports.map((report) => ({ value: report.key, label: pick(report.name) }))}
                  />
                </Form.Item>
                <Form.Item name="summary" label={t('reportSummary')} rules={[{ max: 2000 }]}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
                <Button type="primary" loading={busy === 'submit_report'} onClick={() => void submitReport()}>
                  {t('submitReport')}
                </Button>
              </Form>
            )}
          </section>
        )}

        {delivery.tranches.length > 0 && (
          <section aria-label={t('tranches')}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('tranches')}
            </Typography.Title>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 600 }}
              dataSource={delivery.tranches}
              columns={[
                { title: t('tranche'), key: 'name', render: (_, tranche) => pick(tranche.name) },
                {
                  title: t('amount'),
                  dataIndex: 'amountFen',
                  width: 140,
                  render: (fen: number) => yuan(fen),
                },
                {
                  title: t('status'),
                  key: 'status',
                  width: 110,
                  render: (_, tranche) => (
                    <Tag
                      color={
                        tranche.status === 'released'
                          ? 'green'
                          : tranche.status === 'stopped'
                            ? 'red'
                            : undefined
                      }
                    >
                      {t(TRANCHE_STATUS[tranche.status])}
                    </Tag>
                  ),
                },
                {
                  title: t('paidAt'),
                  key: 'releasedAt',
                  width: 170,
                  render: (_, tranche) => dateTime(tranche.releasedAt, language),
                },
                {
                  title: '',
                  key: 'actions',
                  width: 90,
                  render: (_, tranche) =>
                    may('release_tranche') && tranche.status === 'pending' ? (
                      <Button
                        size="small"
                        aria-label={`${t('releaseTranche')}: ${pick(tranche.name)}`}
                        loading={busy === `release:${tranche.key}`}
                        onClick={() =>
                          void act('release_tranche', { trancheKey: tranche.key }, `release:${tranche.key}`)
                        }
                      >
                        {t('releaseTranche')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </section>
        )}

        {(delivery.evaluations.length > 0 ||
          (may('record_evaluation') && delivery.stageKind === 'evaluation')) && (
          <section aria-label={t('evaluations')}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('evaluations')}
            </Typography.Title>
            {delivery.evaluations.map((evaluation) => (
              <Typography.Paragraph
                key={evaluation.stageKey}
                data-testid={`evaluation-${evaluation.stageKey}`}
              >
                {`${pick(evaluation.stageName)}：${evaluation.score} · ${t('grade')} ${pick(evaluation.gradeName)} `}
                <Tag color={evaluation.passed ? 'green' : 'red'}>
                  {t(evaluation.passed ? 'passed' : 'failed')}
                </Tag>
              </Typography.Paragraph>
            ))}
            {may('record_evaluation') && delivery.stageKind === 'evaluation' && (
              <Form form={evaluationForm} layout="vertical" style={{ maxWidth: 640 }}>
                <Form.Item
                  name="score"
                  label={t('evaluationScore')}
                  rules={[{ required: true }]}
                  extra={preview ? `${t('grade')}：${pick(preview.name)}` : undefined}
                >
                  <InputNumber min={0} max={100} precision={1} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name="reason" label={t('evaluationReason')} rules={[{ max: 2000 }]}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
                <Button
                  type="primary"
                  loading={busy === 'record_evaluation'}
                  onClick={() => void recordEvaluation()}
                >
                  {t('recordEvaluation')}
                </Button>
              </Form>
            )}
          </section>
        )}
      </Space>
    </Card>
  );
}
