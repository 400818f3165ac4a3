import { Card } from 'antd';
import { api, call } from '../api/client';
import { CaseListTable } from '../CaseListTable';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate, stageName } from '../templates';
import { useLoad } from '../useLoad';

/**
 * The performance evaluator's home (绩效评估): every case now in an evaluation stage where the template lets the
 * evaluator record a result, across the programs, read through the program case lists the evaluator may read.
 */
export function EvaluatorHome() {
  const { t, pick } = useI18n();
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
      <CaseListTable
        rows={data ?? []}
        loading={loading}
        caseLink={(row) => `/evaluator/applications/${row.id}`}
        linkLabel={(row) => `${t('evaluate')}: ${row.title}`}
      />
    </Card>
  );
}
