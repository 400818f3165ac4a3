import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, call } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { useLoad } from '../useLoad';

/** The programs a coordinator runs, newest first. */
export function CoordinatorHome() {
  const { t, language } = useI18n();
  const { data, problem, loading } = useLoad(() => call(api.GET('/api/programs')), []);
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('programs')}</h1>}>
      <ProblemAlert problem={problem} />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('program'),
            dataIndex: 'name',
            render: (name: string, program) => <Link to={`/coordinator/programs/${program.id}`}>{name}</Link>,
          },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 110,
            render: (status: string) => (
              <Tag color={status === 'published' ? 'green' : undefined}>{t(programStatusKey(status))}</Tag>
            ),
          },
          {
            title: t('stage'),
            dataIndex: 'currentStage',
            width: 170,
            render: (stage: string | null) => stage ?? '—',
          },
          {
            title: t('deadline'),
            dataIndex: 'stageDeadline',
            width: 170,
            render: (iso: string | null) => dateTime(iso, language),
          },
          { title: t('budgetTotal'), dataIndex: 'budgetFen', width: 150, render: (fen: number) => yuan(fen) },
        ]}
      />
    </Card>
  );
}

function programStatusKey(status: string) {
  return status === 'draft'
    ? ('programDraft' as const)
    : status === 'published'
      ? ('open' as const)
      : ('closed' as const);
}
