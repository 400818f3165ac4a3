import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { dateTime, yuan } from './format';
import { useI18n } from './i18n';

/** A case as the role homes list it: where it is, in which program, and what is due next. */
export interface CaseListRow {
  id: string;
  title: string;
  programName: string;
  stageLabel: string;
  awardedFen?: number | null;
  nextDeadlineAt?: string | null;
}

/**
 * The cases waiting for one role (an evaluator's evaluations, a funder's projects), each title opening the case
 * page under the role's own path. The award column shows only where the role pays or follows money.
 */
export function CaseListTable<Row extends CaseListRow>({
  rows,
  loading,
  caseLink,
  linkLabel,
  showAward = false,
  stageTestId,
}: {
  rows: Row[];
  loading: boolean;
  caseLink: (row: Row) => string;
  /** An accessible name for the title's link, when the action it leads to is not the title itself. */
  linkLabel?: (row: Row) => string;
  showAward?: boolean;
  stageTestId?: string;
}) {
  const { t, language } = useI18n();
  const columns: ColumnsType<Row> = [
    {
      title: t('title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Link to={caseLink(row)} aria-label={linkLabel?.(row)}>
          {title}
        </Link>
      ),
    },
    { title: t('program'), dataIndex: 'programName' },
    {
      title: t('stage'),
      dataIndex: 'stageLabel',
      width: 150,
      render: (label: string) => (
        <Tag color="blue" data-testid={stageTestId}>
          {label}
        </Tag>
      ),
    },
    ...(showAward
      ? [
          {
            title: t('awarded'),
            dataIndex: 'awardedFen',
            width: 140,
            render: (fen: number | null) => (fen ? yuan(fen) : '—'),
          },
        ]
      : []),
    {
      title: t('nextDeadline'),
      dataIndex: 'nextDeadlineAt',
      width: 170,
      render: (iso: string | null) => dateTime(iso, language),
    },
  ];
  return (
    <Table
      rowKey="id"
      loading={loading}
      dataSource={rows}
      locale={{ emptyText: t('noItems') }}
      scroll={{ x: showAward ? 720 : 640 }}
      columns={columns}
    />
  );
}
