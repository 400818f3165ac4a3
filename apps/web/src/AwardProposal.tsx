import { Button, Popconfirm, Space, Table, Tag, Typography, message } from 'antd';
import { useState, type ReactNode } from 'react';
import { api, call, idempotencyKey, problemOf, type Problem } from './api/client';
import type { components } from './api/schema';
import { yuan } from './format';
import { useI18n } from './i18n';
import { ProblemAlert } from './ProblemAlert';
import type { TemplateView } from './templates';
import { useLoad } from './useLoad';

type Schemas = components['schemas'];

/**
 * The award proposal of a program's decision stage (ranked lines: tier or reserve, amount, reason), the money
 * awarded against the budget, and its confirmation. The district's awards tab and the purchaser's award tab
 * both show it; the purchaser adds its own buttons through `actions`.
 */
export function AwardProposal({
  program,
  calendar,
  template,
  onChanged,
  actions,
}: {
  program: Schemas['ProgramView'];
  calendar: Schemas['CalendarStageView'][];
  template: TemplateView;
  onChanged: () => void;
  /** More buttons beside the confirmation, e.g. the purchaser's "award the next ranked". */
  actions?: ReactNode;
}) {
  const { t, pick } = useI18n();
  const decision = calendar.find((stage) => stage.kind === 'decision');
  // Award tiers by key (一等资助, 中标…), as the template names them.
  const tiers = new Map(
    (template.stages.find((stage) => stage.key === decision?.key)?.settings?.tiers ?? []).map((tier) => [
      tier.key,
      pick(tier.name),
    ]),
  );
  const [problem, setProblem] = useState<Problem>();
  const [key] = useState(idempotencyKey);
  const {
    data,
    problem: loadProblem,
    loading,
    reload,
  } = useLoad(async () => {
    if (!decision) return { lines: [], titles: new Map<string, string>() };
    const lines = await call(
      api.GET('/api/programs/{id}/stages/{stageKey}/award-proposal', {
        params: { path: { id: program.id, stageKey: decision.key } },
      }),
    );
    const applications = await call(
      api.GET('/api/programs/{id}/applications', {
        params: { path: { id: program.id }, query: { pageSize: 200 } },
      }),
    );
    return { lines, titles: new Map(applications.map((application) => [application.id, application.title])) };
  }, [program.id, decision?.key]);
  const lines = data?.lines ?? [];
  const confirmed = lines.some((line) => line.confirmedAt);
  const awardedTotal = lines.reduce(
    (sum, line) => sum + (line.outcome === 'awarded' ? (line.amountFen ?? 0) : 0),
    0,
  );
  const confirm = async () => {
    setProblem(undefined);
    try {
      await call(
        api.POST('/api/programs/{id}/stages/{stageKey}/confirm-awards', {
          params: { path: { id: program.id, stageKey: decision!.key } },
          headers: { 'Idempotency-Key': key },
          body: {},
        }),
      );
      void message.success(t('awardsConfirmed'));
      await reload();
      onChanged();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProblemAlert problem={problem ?? loadProblem} />
      <Space wrap>
        {actions}
        <Typography.Text>
          {t('awarded')}: {yuan(awardedTotal)} / {t('budgetTotal')} {yuan(program.budgetFen)}
        </Typography.Text>
        {decision && (
          <Popconfirm
            title={t('confirmAwards')}
            onConfirm={confirm}
            okText={t('submit')}
            cancelText={t('cancel')}
          >
            <Button type="primary" disabled={confirmed || lines.length === 0}>
              {confirmed ? t('awardsConfirmed') : t('confirmAwards')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Table
        rowKey="applicationId"
        loading={loading}
        dataSource={lines}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('rank'), dataIndex: 'rank', width: 70 },
          {
            title: t('title'),
            key: 'title',
            render: (_, line) => data?.titles.get(line.applicationId) ?? line.applicationId,
          },
          {
            title: t('outcome'),
            key: 'outcome',
            width: 160,
            render: (_, line) =>
              line.outcome === 'awarded' ? (
                <Tag color="green">{(line.tier && tiers.get(line.tier)) ?? line.tier ?? t('awarded')}</Tag>
              ) : line.reservePosition ? (
                <Tag color="gold">
                  {t('reserve')} {line.reservePosition}
                </Tag>
              ) : (
                <Tag>{t('declined')}</Tag>
              ),
          },
          {
            title: t('score'),
            dataIndex: 'score',
            width: 90,
            render: (score: number | null) => score ?? '—',
          },
          {
            title: t('awarded'),
            dataIndex: 'amountFen',
            width: 130,
            render: (fen: number | null) => yuan(fen),
          },
          { title: t('reason'), dataIndex: 'reason' },
        ]}
      />
    </Space>
  );
}
