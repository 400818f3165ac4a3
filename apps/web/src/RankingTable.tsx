import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { components } from './api/schema';
import { yuan } from './format';
import { useI18n, type MessageKey } from './i18n';

export type RankingEntry = components['schemas']['RankingEntryView'];

/**
 * A review stage's ranking: rank, the case (opening its page), the columns the process scores by, the count of
 * submitted sheets and the amount asked. A grant ranks proposals by score; a tender shows the technical and the
 * price parts of the comprehensive score and the bid price.
 */
export function RankingTable({
  entries,
  loading,
  subject,
  scoreColumns,
  amountLabel,
  paginate = true,
}: {
  entries: RankingEntry[];
  loading: boolean;
  /** What the ranked cases are called: proposals, bids. */
  subject: MessageKey;
  scoreColumns: ColumnsType<RankingEntry>;
  amountLabel: MessageKey;
  paginate?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="applicationId"
      loading={loading}
      dataSource={entries}
      locale={{ emptyText: t('noItems') }}
      scroll={{ x: 800 }}
      pagination={paginate ? undefined : false}
      columns={[
        { title: t('rank'), dataIndex: 'rank', width: 70 },
        {
          title: t(subject),
          dataIndex: 'title',
          render: (title: string, row) => (
            <Link to={`/coordinator/applications/${row.applicationId}`}>{title}</Link>
          ),
        },
        ...scoreColumns,
        { title: t('submittedReviews'), dataIndex: 'reviewCount', width: 90 },
        {
          title: t(amountLabel),
          dataIndex: 'requestedAmountFen',
          width: 140,
          render: (fen: number) => yuan(fen),
        },
      ]}
    />
  );
}

/** A score, or a dash while it is not known yet. */
export const scoreOrDash = (score: number | null | undefined) => score ?? '—';
