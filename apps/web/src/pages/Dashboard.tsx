import { Button, Card, Col, Row, Select, Space, Statistic, Typography } from 'antd';
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { statsCsv } from '../csv';
import { yuan } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate, optionLabel, type TemplateView } from '../templates';
import { useLoad } from '../useLoad';

// Only the charts the dashboard draws, so the bundle leaves the rest of ECharts out.
echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// Terminal states record where a case ended; each counts as having reached the steps before its end.
const TERMINAL_REACH: Record<string, number> = {
  withdrawn: 0,
  ineligible: 0,
  not_advanced: 1,
  declined: 2,
  terminated: 3,
  closed: 3,
};

/**
 * The funnel applied → eligible → shortlisted (reached the decision) → funded, from the counts per stage:
 * a case at a stage has passed every step before that stage in the template's order.
 */
export function funnel(byStage: Record<string, number>, template: TemplateView): number[] {
  const index = (kind: string) => template.stages.findIndex((stage) => stage.kind === kind);
  const screening = index('screening');
  const decision = index('decision');
  const reached = [0, 0, 0, 0];
  for (const [stage, count] of Object.entries(byStage)) {
    let step = TERMINAL_REACH[stage];
    if (step === undefined) {
      const at = template.stages.findIndex((candidate) => candidate.key === stage);
      step = at > decision ? 3 : at === decision ? 2 : at > screening ? 1 : 0;
    }
    for (let i = 0; i <= step; i += 1) reached[i] += count;
  }
  return reached;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Leadership's view of a program: funnel, categories, streets and money. */
export function Dashboard() {
  const { t, pick, language } = useI18n();
  const programs = useLoad(() => call(api.GET('/api/programs')), []);
  const [programId, setProgramId] = useState<string>();
  useEffect(() => {
    const first = programs.data?.find((program) => program.status !== 'draft');
    if (!programId && first) setProgramId(first.id);
  }, [programs.data, programId]);
  const program = programs.data?.find((candidate) => candidate.id === programId);
  const { data, problem } = useLoad(async () => {
    if (!program) return undefined;
    const [stats, template] = await Promise.all([
      call(api.GET('/api/programs/{id}/stats', { params: { path: { id: program.id } } })),
      loadTemplate(program.templateKey),
    ]);
    return { stats, template };
  }, [program?.id]);

  const steps =
    language === 'en'
      ? ['Applied', 'Eligible', 'Shortlisted', 'Funded']
      : ['申报', '资格审查通过', '入围', '获资助'];
  const counts = data ? funnel(data.stats.byStage, data.template) : [];
  const categories = Object.entries(data?.stats.byCategory ?? {});
  const streets = Object.entries(data?.stats.byStreet ?? {});
  const wan = (fen: number) => Math.round(fen / 100) / 10_000;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('leadership')}
        </Typography.Title>
        <Select
          aria-label={t('chooseProgram')}
          style={{ minWidth: 280 }}
          value={programId}
          onChange={setProgramId}
          options={(programs.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        />
        <Button
          disabled={!data || !program}
          onClick={() =>
            data &&
            program &&
            download(
              `${program.name}-stats.csv`,
              statsCsv(
                program,
                data.stats,
                steps.map((step, index) => [step, counts[index] ?? 0]),
                categories.map(([value, count]) => [
                  optionLabel(data.template, 'category', value, pick),
                  count,
                ]),
                streets,
                {
                  section: t('exportSection'),
                  item: t('exportItem'),
                  value: t('exportValue'),
                  headline: t('exportHeadline'),
                  funnel: t('funnel'),
                  category: t('byCategory'),
                  street: t('byStreet'),
                },
              ),
            )
          }
        >
          {t('exportCsv')}
        </Button>
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
                <Chart
                  label={`${t('funnel')}: ${steps.map((step, i) => `${step} ${counts[i]}`).join('，')}`}
                  option={{
                    tooltip: { trigger: 'item' },
                    series: [
                      {
                        type: 'funnel',
                        sort: 'none',
                        label: { formatter: '{b}: {c}' },
                        data: steps.map((name, i) => ({ name, value: counts[i] })),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('money')}>
                <Chart
                  label={`${t('requested')} ${yuan(data.stats.requestedFen)}，${t('awarded')} ${yuan(data.stats.awardedFen)}`}
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
                <Chart
                  label={`${t('byCategory')}: ${categories.map(([key, n]) => `${optionLabel(data.template, 'category', key, pick)} ${n}`).join('，')}`}
                  option={{
                    tooltip: {},
                    grid: { left: 110, right: 20, top: 10, bottom: 30 },
                    yAxis: {
                      type: 'category',
                      data: categories.map(([key]) => optionLabel(data.template, 'category', key, pick)),
                    },
                    xAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { type: 'bar', data: categories.map(([, n]) => n), itemStyle: { color: '#1a7f37' } },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('byStreet')}>
                <Chart
                  label={`${t('byStreet')}: ${streets.map(([key, n]) => `${key} ${n}`).join('，')}`}
                  option={{
                    tooltip: {},
                    grid: { left: 90, right: 20, top: 10, bottom: 30 },
                    yAxis: { type: 'category', data: streets.map(([key]) => key) },
                    xAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { type: 'bar', data: streets.map(([, n]) => n), itemStyle: { color: '#8250df' } },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

/** A chart with a text equivalent for screen readers. */
function Chart({ option, label }: { option: object; label: string }) {
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
      <figcaption
        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
      >
        {label}
      </figcaption>
    </figure>
  );
}
