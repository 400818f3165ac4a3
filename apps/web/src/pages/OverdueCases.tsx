import { Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, callPage } from '../api/client';
import type { components } from '../api/schema';
import { dateTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { stageName, type TemplateView } from '../templates';
import { useLoad } from '../useLoad';
import type { Data } from './CoordinatorProgram';

type Application = components['schemas']['ApplicationView'];

const PAGE_SIZE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days since the deadline (working days are the engine's business, not this list's). */
export function daysOverdue(deadline: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(deadline)) / DAY_MS));
}

/** What the passed deadline was for, from where the case stands: a revision, reviews, the agreement, a report. */
function lateness(template: TemplateView, application: Application): MessageKey {
  if (application.phase === 'revision_requested') return 'lateRevision';
  switch (template.stages.find((stage) => stage.key === application.stage)?.kind) {
    case 'review':
      return 'lateReview';
    case 'agreement':
      return 'unsignedAgreement';
    case 'implementation':
    case 'evaluation':
    case 'closure':
      return 'lateReport';
    default:
      return 'lateStage';
  }
}

/** The program's cases whose next deadline has passed and that have not ended, most late first. */
export function OverdueCases({ program, template }: Data) {
  const { t, pick, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, problem, loading } = useLoad(
    () =>
      callPage(
        api.GET('/api/programs/{id}/applications', {
          params: { path: { id: program.id }, query: { overdue: true, page, pageSize: PAGE_SIZE } },
        }),
      ),
    [program.id, page],
  );
  const rows = data?.items ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ProblemAlert problem={problem} />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 900 }}
        data-testid="overdue-cases"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? rows.length,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('title'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/coordinator/applications/${row.id}`}>{title}</Link>,
          },
          { title: t('street'), dataIndex: 'street', width: 110 },
          {
            title: t('stage'),
            dataIndex: 'stage',
            width: 140,
            render: (stage: string) => <Tag>{stageName(template, stage, pick)}</Tag>,
          },
          {
            title: t('overdueKind'),
            key: 'kind',
            width: 130,
            render: (_, row) => <Tag color="red">{t(lateness(template, row))}</Tag>,
          },
          {
            title: t('deadline'),
            dataIndex: 'nextDeadlineAt',
            width: 170,
            render: (iso: string | null) => dateTime(iso, language),
          },
          {
            title: t('daysOverdue'),
            key: 'days',
            width: 110,
            render: (_, row) => {
              const days = row.nextDeadlineAt ? daysOverdue(row.nextDeadlineAt) : 0;
              return (
                <Typography.Text type="danger" data-testid="days-overdue">
                  {days === 0 ? t('underADay') : days}
                </Typography.Text>
              );
            },
          },
        ]}
      />
    </Space>
  );
}
