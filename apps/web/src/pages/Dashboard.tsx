import { Segmented, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n';
import { Overview, type OverviewFilters } from './dashboard/Overview';
import { ProgramDashboard } from './dashboard/ProgramDashboard';

type Scope = 'overview' | 'program';

/**
 * Leadership's dashboard: the overview across programs and years by default, one program's figures as the
 * drill-down. The scope, the filters and the program live in the address, so the browser's back button returns
 * from a program to the overview as it was filtered, and a view can be shared as a link.
 */
export function Dashboard() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const scope: Scope = search.get('view') === 'program' ? 'program' : 'overview';
  const year = Number(search.get('year'));
  const filters: OverviewFilters = {
    year: Number.isInteger(year) && year > 0 ? year : undefined,
    // A key no template has is refused by the API, and the refusal shown; the address is the user's to edit.
    templateKey: (search.get('type') ?? undefined) as OverviewFilters['templateKey'],
    street: search.get('street') ?? undefined,
  };
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes))
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    setSearch(next);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('leadership')}
        </Typography.Title>
        <Segmented<Scope>
          aria-label={t('dashboardView')}
          value={scope}
          onChange={(value) => update({ view: value === 'program' ? 'program' : undefined })}
          options={[
            { value: 'overview', label: t('overview') },
            { value: 'program', label: t('programView') },
          ]}
        />
      </Space>
      {scope === 'overview' ? (
        <Overview
          filters={filters}
          onFiltersChange={(next) =>
            update({ year: next.year?.toString(), type: next.templateKey, street: next.street })
          }
          onOpenProgram={(programId) => update({ view: 'program', program: programId })}
        />
      ) : (
        <ProgramDashboard
          programId={search.get('program') ?? undefined}
          onProgramChange={(programId) => update({ program: programId })}
        />
      )}
    </Space>
  );
}
