import { Badge, Button, Card, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, call, callPage, idempotencyKey } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { loadTemplate, optionLabel, stageName, type TemplateView } from '../templates';
import type { components } from '../api/schema';
import { useLoad } from '../useLoad';
import { useSession } from '../useSession';
import { AwardProposal } from '../AwardProposal';
import { RankingTable, scoreOrDash } from '../RankingTable';
import { ReasonModal } from '../ReasonModal';
import { statusKey } from './PublicNotice';
import { STREETS } from './ApplicantHome';
import { OverdueCases } from './OverdueCases';
import { PipelineBatch } from './PipelineBatch';

const PAGE_SIZE = 20;
const PROGRAM_OWNERS = ['coordinator:district', 'purchaser', 'admin'];

/** One program for its coordinators: calendar with stage controls, pipeline, ranking and award proposal. */
export function CoordinatorProgram() {
  const { programId } = useParams();
  const { t } = useI18n();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const { data, problem, reload } = useLoad(async () => {
    const path = { params: { path: { id: programId! } } };
    const [program, calendar, stats, overdue] = await Promise.all([
      call(api.GET('/api/programs/{id}', path)),
      call(api.GET('/api/programs/{id}/calendar', path)),
      call(api.GET('/api/programs/{id}/stats', path)),
      // Only the count, for the tab's badge: the API counts every page in X-Total-Count.
      callPage(
        api.GET('/api/programs/{id}/applications', {
          params: { path: { id: programId! }, query: { overdue: true, pageSize: 1 } },
        }),
      ),
    ]);
    const template = await loadTemplate(program.templateKey);
    return { program, calendar, stats, template, overdueCount: overdue.total ?? overdue.items.length };
  }, [programId]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!data) return <Card loading />;
  const tab = search.get('tab') ?? 'pipeline';
  // Running the calendar and the awards belongs to the program's owners (the API's route table says so too).
  const owner = session?.user.roles.some((role) => PROGRAM_OWNERS.includes(role)) ?? false;
  // A program whose cases are decided one by one (公开认领, 企业出资) has no ranking or award proposal: each
  // case page offers its decision instead.
  const allocates = data.template.stages.some(
    (stage) =>
      stage.kind === 'review' || (stage.kind === 'decision' && stage.settings?.allocation !== 'by_hand'),
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/coordinator">{t('back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {data.program.name}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch({ tab: key })}
        items={[
          { key: 'pipeline', label: t('pipeline'), children: <Pipeline {...data} onChanged={reload} /> },
          {
            key: 'overdue',
            label: (
              <span data-testid="overdue-tab">
                {t('overdue')}{' '}
                <Badge
                  count={data.overdueCount}
                  showZero
                  overflowCount={99999}
                  color={data.overdueCount > 0 ? '#cf1322' : '#595959'}
                />
              </span>
            ),
            children: <OverdueCases {...data} />,
          },
          {
            key: 'calendar',
            label: t('calendar'),
            children: <Calendar {...data} owner={owner} onChanged={reload} />,
          },
          ...(allocates ? [{ key: 'ranking', label: t('ranking'), children: <Ranking {...data} /> }] : []),
          ...(owner && allocates
            ? [
                {
                  key: 'awards',
                  label: t('awardProposal'),
                  children: <AwardProposal {...data} onChanged={reload} />,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

type Schemas = components['schemas'];
type Application = Schemas['ApplicationView'];
export interface Data {
  program: Schemas['ProgramView'];
  calendar: Schemas['CalendarStageView'][];
  stats: Schemas['ProgramStatsView'];
  template: TemplateView;
}

function Pipeline({ program, stats, template, onChanged }: Data & { onChanged: () => void }) {
  const { t, pick, language } = useI18n();
  const session = useSession();
  const [filters, setFilters] = useState<{ stage?: string; street?: string; category?: string }>({});
  const [page, setPage] = useState(1);
  // Selected cases by id, kept across pages so a batch can span them.
  const [selected, setSelected] = useState<Map<string, Application>>(new Map());
  const choose = (rows: Application[], checked: boolean) =>
    setSelected((before) => {
      const next = new Map(before);
      for (const row of rows)
        if (checked) next.set(row.id, row);
        else next.delete(row.id);
      return next;
    });
  const { data, problem, loading, reload } = useLoad(
    () =>
      callPage(
        api.GET('/api/programs/{id}/applications', {
          params: { path: { id: program.id }, query: { ...filters, page, pageSize: PAGE_SIZE } },
        }),
      ),
    [program.id, filters.stage, filters.street, filters.category, page],
  );
  // The API counts the filtered list in `X-Total-Count`; an older server without it leaves the stage counts.
  const known =
    data?.total ??
    (filters.street || filters.category
      ? undefined
      : filters.stage
        ? (stats.byStage[filters.stage] ?? 0)
        : stats.total);
  const rows = data?.items ?? [];
  const total = known ?? (page - 1) * PAGE_SIZE + rows.length + (rows.length === PAGE_SIZE ? 1 : 0);
  const categories =
    template.form.sections.flatMap((s) => s.fields).find((f) => f.key === 'category')?.options ?? [];
  const change = (next: typeof filters) => {
    setFilters(next);
    setPage(1);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap aria-label={t('pipeline')}>
        <Button
          type={filters.stage ? 'default' : 'primary'}
          onClick={() => change({ ...filters, stage: undefined })}
        >
          {t('all')} <Badge count={stats.total} showZero color="#0b57d0" />
        </Button>
        {Object.entries(stats.byStage).map(([stage, count]) => (
          <Button
            key={stage}
            type={filters.stage === stage ? 'primary' : 'default'}
            onClick={() => change({ ...filters, stage })}
            data-testid={`stage-count-${stage}`}
          >
            {stageName(template, stage, pick)}{' '}
            <Badge count={count} showZero color="#595959" overflowCount={99999} />
          </Button>
        ))}
      </Space>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('street')}
          aria-label={t('street')}
          style={{ width: 160 }}
          value={filters.street}
          onChange={(street?: string) => change({ ...filters, street })}
          options={STREETS.map((street) => ({ value: street, label: street }))}
        />
        <Select
          allowClear
          placeholder={t('category')}
          aria-label={t('category')}
          style={{ width: 180 }}
          value={filters.category}
          onChange={(category?: string) => change({ ...filters, category })}
          options={categories.map((option) => ({ value: option.value, label: pick(option.label) }))}
        />
      </Space>
      <ProblemAlert problem={problem} />
      <PipelineBatch
        template={template}
        selected={[...selected.values()]}
        roles={session?.user.roles ?? []}
        onClear={() => setSelected(new Map())}
        onChanged={() => {
          setSelected(new Map());
          void reload();
          onChanged();
        }}
      />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={rows}
        rowSelection={{
          selectedRowKeys: [...selected.keys()],
          preserveSelectedRowKeys: true,
          onSelect: (row, checked) => choose([row], checked),
          onSelectAll: (checked, _rows, changedRows) => choose(changedRows, checked),
          getCheckboxProps: (row) => {
            // antd hands these to the checkbox's input, but its types leave aria-label out: the name goes
            // through a variable, and the title shows the same words on hover.
            const name = `${t('selectCase')}: ${row.title}`;
            const named = { title: name, 'aria-label': name };
            return named;
          },
        }}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: setPage }}
        columns={[
          {
            title: t('title'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/coordinator/applications/${row.id}`}>{title}</Link>,
          },
          { title: t('street'), dataIndex: 'street', width: 110 },
          {
            title: t('category'),
            dataIndex: 'category',
            width: 130,
            render: (value: string) => optionLabel(template, 'category', value, pick),
          },
          {
            title: t('stage'),
            dataIndex: 'stage',
            width: 130,
            render: (stage: string) => <Tag>{stageName(template, stage, pick)}</Tag>,
          },
          {
            title: t('requested'),
            dataIndex: 'requestedAmountFen',
            width: 130,
            render: (fen: number) => yuan(fen),
          },
          {
            title: t('nextDeadline'),
            dataIndex: 'nextDeadlineAt',
            width: 170,
            render: (iso: string | null) => dateTime(iso, language),
          },
        ]}
      />
    </Space>
  );
}

export function Calendar({
  program,
  calendar,
  owner,
  onChanged,
}: Data & { owner: boolean; onChanged: () => void }) {
  const { t, pick, language } = useI18n();
  const [acting, setActing] = useState<{ stageKey: string; action: 'close' | 'extend'; key: string }>();
  return (
    <>
      <Table
        rowKey="key"
        pagination={false}
        dataSource={calendar}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('stage'),
            key: 'name',
            render: (_, stage) => pick({ zh: stage.nameZh, en: stage.nameEn }),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 130,
            render: (status: string) => (
              <Tag color={status === 'open' ? 'green' : status === 'closed' ? 'default' : 'blue'}>
                {t(statusKey(status))}
              </Tag>
            ),
          },
          {
            title: t('deadline'),
            dataIndex: 'deadline',
            width: 170,
            render: (iso: string | null) => dateTime(iso, language),
          },
          {
            title: t('closed'),
            dataIndex: 'closedAt',
            width: 170,
            render: (iso: string | null) => dateTime(iso, language),
          },
          {
            title: '',
            key: 'actions',
            width: 230,
            render: (_, stage) =>
              owner && stage.programWide && stage.status === 'open' ? (
                <Space>
                  <Button
                    size="small"
                    onClick={() =>
                      setActing({ stageKey: stage.key, action: 'extend', key: idempotencyKey() })
                    }
                  >
                    {t('extendStage')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setActing({ stageKey: stage.key, action: 'close', key: idempotencyKey() })}
                  >
                    {t('closeStage')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {acting && (
        <ReasonModal
          title={acting.action === 'close' ? t('closeStage') : t('extendStage')}
          deadline={acting.action === 'extend' ? 'required' : undefined}
          send={(reason, until) => {
            // These routes take an Idempotency-Key, but the OpenAPI document does not declare it for them yet.
            const init = {
              params: { path: { id: program.id, stageKey: acting.stageKey } },
              headers: { 'Idempotency-Key': acting.key },
            };
            return call(
              acting.action === 'close'
                ? api.POST('/api/programs/{id}/stages/{stageKey}/close', { ...init, body: { reason } })
                : api.POST('/api/programs/{id}/stages/{stageKey}/extend', {
                    ...init,
                    body: { reason, until: until! },
                  }),
            );
          }}
          onClose={(changed) => {
            setActing(undefined);
            if (changed) onChanged();
          }}
        />
      )}
    </>
  );
}

function Ranking({ program, calendar, template }: Data) {
  const { t, pick } = useI18n();
  const stages = calendar.filter((stage) => stage.kind === 'review' || stage.kind === 'decision');
  const [stageKey, setStageKey] = useState(stages.at(-1)?.key);
  const { data, problem, loading } = useLoad(
    async () =>
      stageKey
        ? call(
            api.GET('/api/programs/{id}/stages/{stageKey}/ranking', {
              params: { path: { id: program.id, stageKey } },
            }),
          )
        : undefined,
    [program.id, stageKey],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        aria-label={t('stage')}
        style={{ width: 220 }}
        value={stageKey}
        onChange={setStageKey}
        options={stages.map((stage) => ({
          value: stage.key,
          label: pick({ zh: stage.nameZh, en: stage.nameEn }),
        }))}
      />
      <ProblemAlert problem={problem} />
      {data && <Typography.Text type="secondary">{pick(data.basisRule)}</Typography.Text>}
      <RankingTable
        entries={data?.entries ?? []}
        loading={loading}
        subject="title"
        amountLabel="requested"
        scoreColumns={[
          { title: t('street'), dataIndex: 'street', width: 110 },
          {
            title: t('category'),
            dataIndex: 'category',
            width: 130,
            render: (value: string) => optionLabel(template, 'category', value, pick),
          },
          { title: t('score'), dataIndex: 'score', width: 90, render: scoreOrDash },
        ]}
      />
    </Space>
  );
}
