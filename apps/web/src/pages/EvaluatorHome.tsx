import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, call } from '../api/client';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate, stageName } from '../templates';
import { useLoad } from '../useLoad';

/**
 * The performance evaluator's home (绩效评估): every case now in an evaluation stage where the template lets the
 * evaluator record a result, across the programs, read through the program case lists the evaluator may read.
 */
export function EvaluatorHome() {
  const { t, pick, language } = useI18n();
  const { data, problem, loading } = useLoad(async () => {
    const programs = (await call(api.GET('/api/programs'))).filter((program) => program.status !== 'draft');
    const rows = await Promise.all(
      programs.map(async (program) => {
        const template = await loadTemplate(program.templateKey);
        const stages = template.stages.filter(
          (stage) =>
            stage.kind === 'evaluation' && stage.permissions?.evaluator?.includes('record_evaluation'),
        );
        const cases = await Promise.all(
          stages.map((stage) =>
            call(
              api.GET('/api/programs/{id}/applications', {
                params: { path: { id: program.id }, query: { stage: stage.key, pageSize: 200 } },
              }),
            ),
          ),
        );
        return cases.flat().map((application) => ({
          ...application,
          programName: program.name,
          stageLabel: stageName(template, application.stage, pick),
        }));
      }),
    );
    return rows.flat();
  }, [pick]);

  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('evaluatorHome')}</h1>}>
      <ProblemAlert problem={problem} />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('title'),
            dataIndex: 'title',
            render: (title: string, row) => (
              <Link to={`/evaluator/applications/${row.id}`} aria-label={`${t('evaluate')}: ${title}`}>
                {title}
              </Link>
            ),
          },
          { title: t('program'), dataIndex: 'programName' },
          {
            title: t('stage'),
            dataIndex: 'stageLabel',
            width: 140,
            render: (label: string) => <Tag color="blue">{label}</Tag>,
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
  );
}
