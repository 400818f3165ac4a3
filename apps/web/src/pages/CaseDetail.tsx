import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, ApiError, call, idempotencyKey, type Problem } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { FormAnswers } from '../FormAnswers';
import { DecisionPanel } from '../DecisionPanel';
import { DeliveryPanel } from '../DeliveryPanel';
import { ProblemAlert } from '../ProblemAlert';
import { actionName, loadTemplate, optionLabel, stageName } from '../templates';
import { useLoad } from '../useLoad';

export type ScreenDecision = 'eligible' | 'ineligible' | 'request_revision';

/** One case for coordinators: its state, timeline, review progress per review stage, and screening. */
export function CaseDetail() {
  const { applicationId } = useParams();
  const location = useLocation();
  const { t, pick, language } = useI18n();
  const [acting, setActing] = useState<ScreenDecision>();
  const { data, problem, reload } = useLoad(async () => {
    const path = { params: { path: { id: applicationId! } } };
    const [application, timeline] = await Promise.all([
      call(api.GET('/api/applications/{id}', path)),
      call(api.GET('/api/applications/{id}/timeline', path)),
    ]);
    const program = await call(
      api.GET('/api/programs/{id}', { params: { path: { id: application.programId } } }),
    );
    const template = await loadTemplate(program.templateKey);
    // Score sheets of each review stage the case reached; a stage it never reached answers a problem.
    const reached = new Set(timeline.flatMap((entry) => [entry.fromStage, entry.toStage]));
    const reviewStages = template.stages.filter((stage) => stage.kind === 'review' && reached.has(stage.key));
    const sheets = await Promise.all(
      reviewStages.map((stage) =>
        call(
          api.GET('/api/applications/{id}/score-sheets', {
            params: { path: { id: application.id }, query: { stageKey: stage.key } },
          }),
        ).catch(() => undefined),
      ),
    );
    return {
      application,
      timeline,
      program,
      template,
      sheets: sheets.filter((sheet) => sheet !== undefined),
    };
  }, [applicationId]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!data) return <Card loading />;
  const { application, timeline, program, template, sheets } = data;
  // Evaluators and funders reach the case from their own home and go back there.
  const ownHome = ['/evaluator', '/funder'].find((home) => location.pathname.startsWith(`${home}/`));
  const screening = template.stages.find((stage) => stage.key === application.stage)?.kind === 'screening';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={ownHome ?? `/coordinator/programs/${program.id}`}>{t('back')}</Link>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{application.title}</h1>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('program')}>{program.name}</Descriptions.Item>
          <Descriptions.Item label={t('stage')}>
            <Tag color="blue" data-testid="case-stage">
              {stageName(template, application.stage, pick)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('nextDeadline')}>
            {dateTime(application.nextDeadlineAt, language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('street')}>{application.street}</Descriptions.Item>
          <Descriptions.Item label={t('category')}>
            {optionLabel(template, 'category', application.category, pick)}
          </Descriptions.Item>
          <Descriptions.Item label={t('requested')}>{yuan(application.requestedAmountFen)}</Descriptions.Item>
          {application.awardedFen ? (
            <Descriptions.Item label={t('awarded')}>{yuan(application.awardedFen)}</Descriptions.Item>
          ) : null}
        </Descriptions>
        {screening && (
          <Space wrap>
            <Button type="primary" onClick={() => setActing('eligible')}>
              {t('eligible')}
            </Button>
            <Button danger onClick={() => setActing('ineligible')}>
              {t('ineligible')}
            </Button>
            <Button onClick={() => setActing('request_revision')}>
              {language === 'en' ? 'Request revision' : '退回补正'}
            </Button>
          </Space>
        )}
      </Card>
      <DecisionPanel application={application} template={template} onChanged={() => void reload()} />
      <FormAnswers
        template={template}
        form={application.form}
        applicationId={application.id}
        listedProjects={program.claiming?.projects}
      />
      <DeliveryPanel
        applicationId={application.id}
        organizationId={application.organizationId}
        template={template}
        version={`${application.stage}/${application.phase}/${application.updatedAt}`}
        onChanged={() => void reload()}
      />
      {sheets.map((sheet) => (
        <Card
          key={sheet.stageKey}
          title={
            <h2 style={{ fontSize: 18, margin: 0 }}>{`${t('reviewProgress')} · ${pick(sheet.stageName)}`}</h2>
          }
        >
          <Typography.Paragraph>
            {t('submittedReviews')}: {sheet.aggregate.reviewCount}
            {sheet.aggregate.basisTotal !== null && sheet.aggregate.basisTotal !== undefined
              ? ` · ${t('score')} ${sheet.aggregate.basisTotal}`
              : ''}
          </Typography.Paragraph>
          <Table
            rowKey="label"
            size="small"
            pagination={false}
            dataSource={sheet.sheets}
            columns={[
              { title: t('reviewers'), dataIndex: 'label' },
              { title: t('score'), dataIndex: 'total', width: 100 },
              {
                title: t('submitted'),
                dataIndex: 'submittedAt',
                width: 180,
                render: (iso: string) => dateTime(iso, language),
              },
            ]}
          />
        </Card>
      ))}
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('timeline')}</h2>}>
        <Timeline
          items={timeline.map((entry) => ({
            key: entry.sequence,
            children: (
              <>
                <Typography.Text strong>
                  {stageName(template, entry.fromStage, pick)} → {stageName(template, entry.toStage, pick)}
                </Typography.Text>{' '}
                <Tag>{actionName(entry.action, pick)}</Tag>{' '}
                <Typography.Text type="secondary">{entry.actorId}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{dateTime(entry.occurredAt, language)}</Typography.Text>
                </div>
                {entry.reason && <div>{entry.reason}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {acting && (
        <ScreenModal
          applicationId={application.id}
          decision={acting}
          onClose={(changed) => {
            setActing(undefined);
            if (changed) void reload();
          }}
        />
      )}
    </Space>
  );
}

export function ScreenModal({
  applicationId,
  decision,
  onClose,
}: {
  applicationId: string;
  decision: ScreenDecision;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason?: string }>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);
  const reasonRequired = decision !== 'eligible';
  const send = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      const action = decision === 'request_revision' ? 'request_revision' : 'screen';
      await call(
        api.POST('/api/applications/{id}/actions/{action}', {
          params: { path: { id: applicationId, action }, header: { 'Idempotency-Key': key } },
          body:
            action === 'screen' ? { decision: decision as 'eligible' | 'ineligible', reason } : { reason },
        }),
      );
      void message.success(t('done'));
      onClose(true);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('screen')}
      onOk={send}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      okText={t('submit')}
      cancelText={t('cancel')}
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical">
        <Form.Item label={t('reason')} name="reason" rules={[{ required: reasonRequired, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
