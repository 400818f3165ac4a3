import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Statistic,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, call, idempotencyKey, type Problem } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { FormAnswers } from '../FormAnswers';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate } from '../templates';
import { useLoad } from '../useLoad';
import { useSession } from '../useSession';

type SheetValues = Record<string, number | string | undefined>;

/** One proposal with its rubric: scores with a running total, comments, draft saving and submission. */
export function ReviewPage() {
  const { applicationId } = useParams();
  const [search] = useSearchParams();
  const stageKey = search.get('stage') ?? undefined;
  const { t, pick, language } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<SheetValues>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState<'draft' | 'submit' | 'conflict'>();
  const [submitKey] = useState(idempotencyKey);
  const [conflictKey] = useState(idempotencyKey);
  const [declaring, setDeclaring] = useState(false);
  const [conflictReason, setConflictReason] = useState('');
  const reviewerId = session!.user.id;

  const { data, problem: loadProblem } = useLoad(async () => {
    const queue = await call(
      api.GET('/api/reviewers/{reviewerId}/queue', { params: { path: { reviewerId } } }),
    );
    const item = queue.items.find(
      (candidate) =>
        candidate.applicationId === applicationId && (!stageKey || candidate.stageKey === stageKey),
    );
    if (!item)
      throw new ApiError({
        status: 404,
        title: language === 'en' ? 'Not in your queue' : '该申报不在您的评审任务中',
      });
    const draft = await call(
      api.GET('/api/applications/{id}/review-draft', {
        params: { path: { id: item.applicationId }, query: { stageKey: item.stageKey } },
      }),
    ).catch((error: unknown) => {
      if (error instanceof ApiError && error.problem.status === 404) return undefined;
      throw error;
    });
    const program = await call(api.GET('/api/programs/{id}', { params: { path: { id: item.programId } } }));
    return { item, draft, template: await loadTemplate(program.templateKey) };
  }, [applicationId, stageKey, reviewerId]);

  const values = Form.useWatch([], form) ?? {};
  if (loadProblem) return <ProblemAlert problem={loadProblem} />;
  if (!data) return <Card loading />;
  const { item, draft, template } = data;
  const { rubric, proposal } = item;

  const scores = () => {
    const all = form.getFieldsValue(true);
    return Object.fromEntries(
      rubric.criteria
        .filter((c) => typeof all[`score:${c.id}`] === 'number')
        .map((c) => [c.id, all[`score:${c.id}`] as number]),
    );
  };
  const comments = () => {
    const all = form.getFieldsValue(true);
    return Object.fromEntries(
      rubric.criteria
        .filter(
          (c) => typeof all[`comment:${c.id}`] === 'string' && (all[`comment:${c.id}`] as string).trim(),
        )
        .map((c) => [c.id, (all[`comment:${c.id}`] as string).trim()]),
    );
  };
  const total = rubric.criteria.reduce((sum, criterion) => {
    const score = values[`score:${criterion.id}`];
    return typeof score === 'number' ? sum + score * criterion.weight : sum;
  }, 0);
  const scored = rubric.criteria.filter(
    (criterion) => typeof values[`score:${criterion.id}`] === 'number',
  ).length;

  const fail = (error: unknown) =>
    setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });

  const saveDraft = async () => {
    setBusy('draft');
    setProblem(undefined);
    try {
      await call(
        api.PUT('/api/applications/{id}/review-draft', {
          params: { path: { id: item.applicationId } },
          body: { stageKey: item.stageKey, scores: scores(), comments: comments() },
        }),
      );
      void message.success(t('saved'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async () => {
    setProblem(undefined);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setBusy('submit');
    try {
      await call(
        api.POST('/api/applications/{id}/actions/{action}', {
          params: {
            path: { id: item.applicationId, action: 'submit_review' },
            header: { 'Idempotency-Key': submitKey },
          },
          body: { scores: scores(), comments: comments() },
        }),
      );
      void message.success(t('reviewSubmitted'));
      navigate('/reviewer');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(undefined);
    }
  };

  // A reviewer who finds a conflict of interest (利益冲突) recuses before scoring; the case finds an alternate.
  const declareConflict = async () => {
    setBusy('conflict');
    setProblem(undefined);
    try {
      await call(
        api.POST('/api/applications/{id}/actions/{action}', {
          params: {
            path: { id: item.applicationId, action: 'declare_conflict' },
            header: { 'Idempotency-Key': conflictKey },
          },
          body: { reason: conflictReason.trim() || undefined },
        }),
      );
      setDeclaring(false);
      void message.success(t('conflictDeclared'));
      navigate('/reviewer');
    } catch (error) {
      setDeclaring(false);
      fail(error);
    } finally {
      setBusy(undefined);
    }
  };

  const initial: SheetValues = {};
  for (const [criterion, score] of Object.entries(draft?.scores ?? {})) initial[`score:${criterion}`] = score;
  for (const [criterion, comment] of Object.entries(draft?.comments ?? {}))
    initial[`comment:${criterion}`] = comment;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/reviewer">{t('back')}</Link>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{proposal.title}</h1>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('program')}>{item.programName}</Descriptions.Item>
          <Descriptions.Item label={t('stage')}>{pick(item.stageName)}</Descriptions.Item>
          <Descriptions.Item label={t('due')}>
            {dateTime(item.dueAt, language)} {item.overdue && <Tag color="red">{t('overdue')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('requested')}>{yuan(proposal.requestedAmountFen)}</Descriptions.Item>
          {proposal.street && <Descriptions.Item label={t('street')}>{proposal.street}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <FormAnswers template={template} form={proposal.form} applicationId={item.applicationId} />
      <Card
        title={<h2 style={{ fontSize: 18, margin: 0 }}>{pick(rubric.name)}</h2>}
        extra={
          <Statistic
            title={t('runningTotal')}
            value={total}
            suffix={`/ ${rubric.totalRange.max}`}
            valueStyle={{
              color:
                rubric.totalThreshold !== null &&
                rubric.totalThreshold !== undefined &&
                scored === rubric.criteria.length &&
                total < rubric.totalThreshold
                  ? '#b42318'
                  : undefined,
            }}
            aria-live="polite"
            data-testid="running-total"
          />
        }
      >
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={initial}>
          {rubric.criteria.map((criterion) => {
            const label = pick(criterion.name);
            const { min, max, step } = criterion.scale;
            const score = values[`score:${criterion.id}`];
            const needsComment =
              criterion.commentRequiredBelow !== null &&
              criterion.commentRequiredBelow !== undefined &&
              typeof score === 'number' &&
              score < criterion.commentRequiredBelow;
            return (
              <div key={criterion.id} style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                <Form.Item
                  label={`${label}（${min}–${max}）`}
                  name={`score:${criterion.id}`}
                  style={{ minWidth: 220 }}
                  rules={[
                    {
                      required: true,
                      message: language === 'en' ? `Score ${label}` : `请为「${label}」打分`,
                    },
                    {
                      validator: async (_, value: unknown) => {
                        if (typeof value !== 'number') return;
                        const steps = (value - min) / step;
                        if (value < min || value > max || Math.abs(steps - Math.round(steps)) > 1e-9)
                          throw new Error(
                            language === 'en'
                              ? `Between ${min} and ${max} in steps of ${step}`
                              : `分值须在 ${min} 至 ${max} 之间，步长 ${step}`,
                          );
                      },
                    },
                  ]}
                >
                  <InputNumber step={step} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item
                  label={t('comment')}
                  name={`comment:${criterion.id}`}
                  style={{ flex: 1, minWidth: 260 }}
                  rules={[
                    {
                      required: needsComment,
                      message:
                        language === 'en'
                          ? `A score below ${criterion.commentRequiredBelow} needs a comment`
                          : `低于 ${criterion.commentRequiredBelow} 分须填写评语`,
                    },
                  ]}
                >
                  <Input.TextArea
                    rows={1}
                    autoSize
                    maxLength={2000}
                    aria-label={`${label} ${t('comment')}`}
                  />
                </Form.Item>
              </div>
            );
          })}
        </Form>
        <Space>
          <Button onClick={saveDraft} loading={busy === 'draft'} disabled={!!busy}>
            {t('saveDraft')}
          </Button>
          <Button type="primary" onClick={submit} loading={busy === 'submit'} disabled={!!busy}>
            {t('submitReview')}
          </Button>
          <Button danger onClick={() => setDeclaring(true)} disabled={!!busy}>
            {t('declareConflict')}
          </Button>
        </Space>
        <Modal
          open={declaring}
          title={t('declareConflict')}
          onOk={declareConflict}
          confirmLoading={busy === 'conflict'}
          onCancel={() => setDeclaring(false)}
          okText={t('submit')}
          cancelText={t('cancel')}
        >
          <Typography.Paragraph>{t('conflictHelp')}</Typography.Paragraph>
          <label htmlFor="conflict-reason">{t('reason')}</label>
          <Input.TextArea
            id="conflict-reason"
            rows={3}
            maxLength={2000}
            value={conflictReason}
            onChange={(event) => setConflictReason(event.target.value)}
          />
        </Modal>
      </Card>
    </Space>
  );
}
