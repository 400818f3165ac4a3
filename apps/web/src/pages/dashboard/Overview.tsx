import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { components, operations } from '../../api/schema';
import { figuresCsv, yuanCell, type CsvSection } from '../../csv';
import { yuan } from '../../format';
import { useI18n } from '../../i18n';
import { ProblemAlert } from '../../ProblemAlert';
import { loadTemplate, optionLabel, type LocalizedText, type TemplateView } from '../../templates';
import { useLoad } from '../../useLoad';
import { Chart, CountBars, FunnelFigure, wan } from './Chart';
import { ExportCsvButton } from './ExportCsvButton';
import { funnelRows } from './figures';

type OverviewProgram = components['schemas']['OverviewProgramView'];
type Money = components['schemas']['MoneyView'];

/** The overview's filters (year, process type, street); each is optional and they combine. */
export type OverviewFilters = NonNullable<operations['StatsController_overview']['parameters']['query']>;

// The template list answers key and name; the OpenAPI document leaves it untyped.
interface TemplateSummary {
  key: NonNullable<OverviewFilters['templateKey']>;
  name: LocalizedText;
}

const MONEY_COLORS = { requested: '#0b57d0', awarded: '#1a7f37', disbursed: '#b35900' };

/** Sums the money of programs that share a key (their year). */
function moneyBy(programs: OverviewProgram[], key: (program: OverviewProgram) => string): [string, Money][] {
  const sums = new Map<string, Money>();
  for (const program of programs) {
    const sum = sums.get(key(program)) ?? { requestedFen: 0, awardedFen: 0, disbursedFen: 0 };
    sum.requestedFen += program.money.requestedFen;
    sum.awardedFen += program.money.awardedFen;
    sum.disbursedFen += program.money.disbursedFen;
    sums.set(key(program), sum);
  }
  return [...sums.entries()];
}

/**
 * Leadership's view across programs and years: totals of every program matching the filters, the funnel, money
 * requested, awarded and disbursed by year (or by program within a year), grades, review progress, categories
 * and streets, and a line per program that drills down to its own dashboard.
 */
export function Overview({
  filters,
  onFiltersChange,
  onOpenProgram,
}: {
  filters: OverviewFilters;
  onFiltersChange(filters: OverviewFilters): void;
  onOpenProgram(programId: string): void;
}) {
  const { t, pick, language } = useI18n();
  const templates = useLoad(
    () => call(api.GET('/api/templates')) as unknown as Promise<TemplateSummary[]>,
    [],
  );
  const { data, problem, loading } = useLoad(async () => {
    const view = await call(
      api.GET('/api/stats/overview', {
        params: { query: { year: filters.year, templateKey: filters.templateKey, street: filters.street } },
      }),
    );
    // Category values are the templates' options: their names come from each program's template.
    const keys = [...new Set(view.programs.map((program) => program.templateKey))];
    const programTemplates = await Promise.all(keys.map(loadTemplate));
    return { view, programTemplates };
  }, [filters.year, filters.templateKey, filters.street]);

  // A street filter narrows the streets the answer lists; the choice keeps every street seen so far.
  const [streets, setStreets] = useState<string[]>([]);
  useEffect(() => {
    const seen = Object.keys(data?.view.totals.byStreet ?? {});
    setStreets((known) =>
      seen.every((street) => known.includes(street)) ? known : [...new Set([...known, ...seen])].sort(),
    );
  }, [data]);

  const templateName = (key: string) => {
    const template = templates.data?.find((candidate) => candidate.key === key);
    return template ? pick(template.name) : key;
  };
  const categoryName = (value: string, within: TemplateView[]) =>
    within
      .map((template) => optionLabel(template, 'category', value, pick))
      .find((label) => label !== value) ?? value;

  // Cheap to derive on every render (a line per program), so it follows the language without memoizing.
  function summarize() {
    if (!data) return undefined;
    const { view, programTemplates } = data;
    const { totals } = view;
    const money = (
      filters.year === undefined
        ? moneyBy(view.programs, (program) => String(program.year)).sort(([a], [b]) => a.localeCompare(b))
        : view.programs.map((program): [string, Money] => [program.name, program.money])
    ) as [string, Money][];
    const pending = Math.max(0, totals.reviews.assigned - totals.reviews.submitted - totals.reviews.overdue);
    return {
      view,
      funnel: funnelRows(totals.funnel, t),
      money,
      moneyTitle: filters.year === undefined ? t('moneyByYear') : t('moneyByProgram'),
      grades: totals.grades.map((grade): [string, number] => [
        language === 'en' ? grade.nameEn : grade.nameZh,
        grade.count,
      ]),
      reviews: [
        [t('reviewsAssigned'), totals.reviews.assigned],
        [t('submittedReviews'), totals.reviews.submitted],
        [t('reviewsPending'), pending],
        [t('overdue'), totals.reviews.overdue],
      ] as [string, number][],
      categories: Object.entries(totals.byCategory).map(([value, count]): [string, number] => [
        categoryName(value, programTemplates),
        count,
      ]),
      streets: Object.entries(totals.byStreet),
    };
  }
  const figures = summarize();

  const headline = figures && [
    [t('programCount'), figures.view.programs.length, 'overview-programs'],
    [t('funnelApplied'), figures.view.totals.funnel.applied, 'overview-applied'],
    [t('budgetTotal'), yuan(figures.view.totals.budgetFen), 'overview-budget'],
    [t('requested'), yuan(figures.view.totals.money.requestedFen), 'overview-requested'],
    [t('awarded'), yuan(figures.view.totals.money.awardedFen), 'overview-awarded'],
    [t('disbursed'), yuan(figures.view.totals.money.disbursedFen), 'overview-disbursed'],
  ];

  const exportCsv = figures
    ? () => {
        const { totals, programs } = figures.view;
        const sections: CsvSection[] = [
          {
            title: t('exportHeadline'),
            rows: [
              [t('year'), filters.year ?? t('allYears')],
              [t('processType'), filters.templateKey ? templateName(filters.templateKey) : t('allTypes')],
              [t('street'), filters.street ?? t('allStreets')],
              [t('programCount'), programs.length],
              [t('applications'), totals.total],
              [`${t('budgetTotal')}（元）`, yuanCell(totals.budgetFen)],
              [`${t('requested')}（元）`, yuanCell(totals.money.requestedFen)],
              [`${t('awarded')}（元）`, yuanCell(totals.money.awardedFen)],
              [`${t('disbursed')}（元）`, yuanCell(totals.money.disbursedFen)],
            ],
          },
          { title: t('funnel'), rows: figures.funnel },
          { title: t('reviewProgress'), rows: figures.reviews },
          { title: t('gradeDistribution'), rows: figures.grades },
          { title: t('byCategory'), rows: figures.categories },
          { title: t('byStreet'), rows: figures.streets },
        ];
        return figuresCsv([t('exportSection'), t('exportItem'), t('exportValue')], sections, {
          header: [
            t('program'),
            t('processType'),
            t('year'),
            t('applications'),
            ...figures.funnel.map(([step]) => step),
            `${t('budgetTotal')}（元）`,
            `${t('requested')}（元）`,
            `${t('awarded')}（元）`,
            `${t('disbursed')}（元）`,
            t('reviewsAssigned'),
            t('submittedReviews'),
            t('overdue'),
          ],
          rows: programs.map((program) => [
            program.name,
            templateName(program.templateKey),
            program.year,
            program.total,
            ...funnelRows(program.funnel, t).map(([, count]) => count),
            yuanCell(program.budgetFen),
            yuanCell(program.money.requestedFen),
            yuanCell(program.money.awardedFen),
            yuanCell(program.money.disbursedFen),
            program.reviews.assigned,
            program.reviews.submitted,
            program.reviews.overdue,
          ]),
        });
      }
    : undefined;

  const all = (label: string) => ({ value: '', label });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('year')}
          style={{ minWidth: 140 }}
          value={filters.year === undefined ? '' : String(filters.year)}
          onChange={(year) => onFiltersChange({ ...filters, year: year ? Number(year) : undefined })}
          options={[
            all(t('allYears')),
            ...(data?.view.years ?? []).map((year) => ({ value: String(year), label: String(year) })),
          ]}
        />
        <Select<TemplateSummary['key'] | ''>
          aria-label={t('processType')}
          style={{ minWidth: 200 }}
          value={filters.templateKey ?? ''}
          onChange={(key) => onFiltersChange({ ...filters, templateKey: key || undefined })}
          options={[
            { value: '' as const, label: t('allTypes') },
            ...(templates.data ?? []).map((template) => ({
              value: template.key,
              label: pick(template.name),
            })),
          ]}
        />
        <Select
          aria-label={t('street')}
          style={{ minWidth: 160 }}
          value={filters.street ?? ''}
          onChange={(street) => onFiltersChange({ ...filters, street: street || undefined })}
          options={[all(t('allStreets')), ...streets.map((street) => ({ value: street, label: street }))]}
        />
        <ExportCsvButton fileName={`overview-${filters.year ?? 'all'}.csv`} build={exportCsv} />
      </Space>
      <ProblemAlert problem={problem ?? templates.problem} />
      {figures && headline && (
        <div aria-busy={loading}>
          <Row gutter={[16, 16]}>
            {headline.map(([title, value, testId]) => (
              <Col xs={12} md={8} xl={4} key={testId}>
                <Card>
                  <Statistic title={title} value={value} data-testid={testId} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card title={t('funnel')}>
                <FunnelFigure title={t('funnel')} steps={figures.funnel} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={figures.moneyTitle}>
                <Chart
                  label={`${figures.moneyTitle}: ${figures.money
                    .map(
                      ([name, money]) =>
                        `${name} ${t('requested')} ${yuan(money.requestedFen)}，${t('awarded')} ${yuan(money.awardedFen)}，${t('disbursed')} ${yuan(money.disbursedFen)}`,
                    )
                    .join('；')}`}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 60, right: 20, top: 40, bottom: 30 },
                    xAxis: { type: 'category', data: figures.money.map(([name]) => name) },
                    yAxis: { type: 'value' },
                    series: (['requested', 'awarded', 'disbursed'] as const).map((kind) => ({
                      type: 'bar',
                      name: t(kind),
                      itemStyle: { color: MONEY_COLORS[kind] },
                      data: figures.money.map(([, money]) => wan(money[`${kind}Fen`])),
                    })),
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('gradeDistribution')}>
                <CountBars
                  title={t('gradeDistribution')}
                  rows={figures.grades}
                  color="#b35900"
                  labelWidth={80}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('reviewProgress')}>
                <CountBars
                  title={t('reviewProgress')}
                  rows={figures.reviews}
                  color="#0b57d0"
                  labelWidth={80}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('byCategory')}>
                <CountBars title={t('byCategory')} rows={figures.categories} color="#1a7f37" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('byStreet')}>
                <CountBars title={t('byStreet')} rows={figures.streets} color="#8250df" labelWidth={90} />
              </Card>
            </Col>
          </Row>
          <Card title={t('programs')} style={{ marginTop: 16 }}>
            <Table<OverviewProgram>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('noPrograms')} /> }}
              dataSource={figures.view.programs}
              columns={[
                {
                  title: t('program'),
                  key: 'name',
                  render: (_, program) => (
                    <Button
                      type="link"
                      style={{ padding: 0 }}
                      aria-label={`${t('openProgramDashboard')}: ${program.name}`}
                      onClick={() => onOpenProgram(program.id)}
                    >
                      {program.name}
                    </Button>
                  ),
                },
                {
                  title: t('processType'),
                  key: 'type',
                  render: (_, program) => templateName(program.templateKey),
                },
                { title: t('year'), dataIndex: 'year' },
                { title: t('funnelApplied'), key: 'applied', render: (_, program) => program.funnel.applied },
                { title: t('funnelFunded'), key: 'funded', render: (_, program) => program.funnel.funded },
                {
                  title: t('requested'),
                  key: 'requested',
                  render: (_, program) => yuan(program.money.requestedFen),
                },
                {
                  title: t('awarded'),
                  key: 'awarded',
                  render: (_, program) => yuan(program.money.awardedFen),
                },
                {
                  title: t('disbursed'),
                  key: 'disbursed',
                  render: (_, program) => yuan(program.money.disbursedFen),
                },
                {
                  title: t('reviewProgress'),
                  key: 'reviews',
                  render: (_, program) => `${program.reviews.submitted} / ${program.reviews.assigned}`,
                },
              ]}
            />
          </Card>
        </div>
      )}
    </Space>
  );
}
