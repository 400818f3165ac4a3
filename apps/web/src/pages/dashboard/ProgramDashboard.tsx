import { Card, Col, Row, Select, Space, Statistic } from 'antd';
import { api, call } from '../../api/client';
import { statsCsv } from '../../csv';
import { yuan } from '../../format';
import { useI18n } from '../../i18n';
import { ProblemAlert } from '../../ProblemAlert';
import { loadTemplate, optionLabel } from '../../templates';
import { useLoad } from '../../useLoad';
import { Chart, CountBars, FunnelFigure, wan } from './Chart';
import { ExportCsvButton } from './ExportCsvButton';
import { funnelRows } from './figures';

/** One program's figures: funnel, categories, streets and money; the overview drills down to it. */
export function ProgramDashboard({
  programId,
  onProgramChange,
}: {
  programId?: string;
  onProgramChange(programId: string): void;
}) {
  const { t, pick } = useI18n();
  const programs = useLoad(() => call(api.GET('/api/programs')), []);
  const chosen = programId ?? programs.data?.find((program) => program.status !== 'draft')?.id;
  const program = programs.data?.find((candidate) => candidate.id === chosen);
  const { data, problem } = useLoad(async () => {
    if (!program) return undefined;
    const [stats, template] = await Promise.all([
      call(api.GET('/api/programs/{id}/stats', { params: { path: { id: program.id } } })),
      loadTemplate(program.templateKey),
    ]);
    return { stats, template };
  }, [program?.id]);

  const steps = data ? funnelRows(data.stats.funnel, t) : [];
  const categories: [string, number][] = Object.entries(data?.stats.byCategory ?? {}).map(
    ([value, count]) => [optionLabel(data?.template, 'category', value, pick), count],
  );
  const streets = Object.entries(data?.stats.byStreet ?? {});

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('chooseProgram')}
          style={{ minWidth: 280 }}
          value={chosen}
          onChange={onProgramChange}
          options={(programs.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        />
        <ExportCsvButton
          fileName={`${program?.name ?? 'program'}-stats.csv`}
          build={
            data && program
              ? () =>
                  statsCsv(program, data.stats, steps, categories, streets, {
                    section: t('exportSection'),
                    item: t('exportItem'),
                    value: t('exportValue'),
                    headline: t('exportHeadline'),
                    funnel: t('funnel'),
                    category: t('byCategory'),
                    street: t('byStreet'),
                  })
              : undefined
          }
        />
      </Space>
      <ProblemAlert problem={programs.problem ?? problem} />
      {data && program && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('applications')} value={data.stats.total} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('budgetTotal')} value={yuan(program.budgetFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('requested')} value={yuan(data.stats.requestedFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('awarded')}
                  value={yuan(data.stats.awardedFen)}
                  data-testid="awarded-total"
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t('funnel')}>
                <FunnelFigure title={t('funnel')} steps={steps} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('money')}>
                <Chart
                  label={`${t('budgetTotal')} ${yuan(program.budgetFen)}，${t('requested')} ${yuan(data.stats.requestedFen)}，${t('awarded')} ${yuan(data.stats.awardedFen)}`}
                  option={{
                    tooltip: {},
                    grid: { left: 60, right: 20, top: 20, bottom: 30 },
                    xAxis: { type: 'category', data: [t('budgetTotal'), t('requested'), t('awarded')] },
                    yAxis: { type: 'value' },
                    series: [
                      {
                        type: 'bar',
                        data: [
                          wan(program.budgetFen),
                          wan(data.stats.requestedFen),
                          wan(data.stats.awardedFen),
                        ],
                        itemStyle: { color: '#0b57d0' },
                        label: { show: true, position: 'top' },
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('byCategory')}>
                <CountBars title={t('byCategory')} rows={categories} color="#1a7f37" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('byStreet')}>
                <CountBars title={t('byStreet')} rows={streets} color="#8250df" labelWidth={90} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
