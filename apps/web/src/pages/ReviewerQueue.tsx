import { Button, Card, Table, Tabs, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { useLoad } from '../useLoad';
import { useSession } from '../useSession';
import { ReviewerPastReviews } from './ReviewerPastReviews';

/** The signed-in reviewer's work: open assignments to review, and the reviews already submitted. */
export function ReviewerQueue() {
  const { t } = useI18n();
  const session = useSession();
  const reviewerId = session!.user.id;
  // The tab lives in the address, so going back from a review returns to the tab it was opened from.
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'reviewed' ? 'reviewed' : 'queue';
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('reviewer')}</h1>}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'queue' ? {} : { tab: key })}
        items={[
          { key: 'queue', label: t('queue'), children: <OpenAssignments reviewerId={reviewerId} /> },
          {
            key: 'reviewed',
            label: t('reviewed'),
            children: <ReviewerPastReviews reviewerId={reviewerId} />,
          },
        ]}
      />
    </Card>
  );
}

/** The reviewer's open assignments, the earliest due first, with their drafts. */
function OpenAssignments({ reviewerId }: { reviewerId: string }) {
  const { t, pick, language } = useI18n();
  const navigate = useNavigate();
  const { data, problem, loading } = useLoad(
    () => call(api.GET('/api/reviewers/{reviewerId}/queue', { params: { path: { reviewerId } } })),
    [reviewerId],
  );
  type Item = NonNullable<typeof data>['items'][number];
  return (
    <>
      <ProblemAlert problem={problem} />
      <Table<Item>
        rowKey={(item) => `${item.applicationId}:${item.stageKey}`}
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('title'), key: 'title', render: (_, item) => item.proposal.title },
          { title: t('program'), dataIndex: 'programName' },
          { title: t('stage'), key: 'stage', width: 120, render: (_, item) => pick(item.stageName) },
          {
            title: t('requested'),
            key: 'requested',
            width: 120,
            render: (_, item) => yuan(item.proposal.requestedAmountFen),
          },
          {
            title: t('due'),
            key: 'due',
            width: 200,
            render: (_, item) => (
              <>
                {dateTime(item.dueAt, language)} {item.overdue && <Tag color="red">{t('overdue')}</Tag>}
              </>
            ),
          },
          {
            title: t('draftSaved'),
            dataIndex: 'draftSavedAt',
            width: 160,
            render: (iso: string | null) => (iso ? dateTime(iso, language) : '—'),
          },
          {
            title: '',
            key: 'review',
            width: 90,
            render: (_, item) => (
              <Button
                type="primary"
                onClick={() =>
                  navigate(`/reviewer/applications/${item.applicationId}?stage=${item.stageKey}`)
                }
                aria-label={`${t('review')}: ${item.proposal.title}`}
              >
                {t('review')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
