import { Alert, Card } from 'antd';
import { api, call } from '../api/client';
import { CaseListTable } from '../CaseListTable';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate, stageName } from '../templates';
import { useLoad } from '../useLoad';
import { useSession } from '../useSession';

/**
 * The funder's home (资助方, 企业出资): the cases of every program the company it acts for pays for, each opening
 * the case page where it signs the three-party agreement and confirms the milestone reports that pay tranches.
 */
export function FunderHome() {
  const { t, pick } = useI18n();
  const session = useSession();
  const companyId = session?.organizationId;
  const { data, problem, loading } = useLoad(async () => {
    if (!companyId) return [];
    const cases = await call(
      api.GET('/api/funders/{organizationId}/applications', {
        params: { path: { organizationId: companyId } },
      }),
    );
    // Stage names come from each program's template (fetched once per template).
    return Promise.all(
      cases.map(async (application) => ({
        ...application,
        stageLabel: stageName(await loadTemplate(application.templateKey), application.stage, pick),
      })),
    );
  }, [companyId, pick]);

  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('fundedProjects')}</h1>}>
      {/* The funder acts for its company: without a membership there is nothing it may see. */}
      {!companyId && <Alert type="info" showIcon message={t('funderWithoutCompany')} />}
      <ProblemAlert problem={problem} />
      <CaseListTable
        rows={data ?? []}
        loading={loading}
        caseLink={(row) => `/funder/applications/${row.id}`}
        showAward
        stageTestId="funded-stage"
      />
    </Card>
  );
}
