import { Descriptions, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, callPage } from '../api/client';
import type { components } from '../api/schema';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { stageName } from '../templates';
import { useLoad } from '../useLoad';

const PAGE_SIZE = 20;

type PastReview = components['schemas']['PastReviewView'];

/** The reviews a reviewer submitted, newest first, a page at a time; a row opens to the scores and comments. */
export function ReviewerPastReviews({ reviewerId }: { reviewerId: string }) {
  const { t, pick, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, problem, loading } = useLoad(
    () =>
      callPage(
        api.GET('/api/reviewers/{reviewerId}/reviews', {
          params: { path: { reviewerId }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ),
    [reviewerId, page],
  );
  return (
    <>
      <ProblemAlert problem={problem} />
      <Table<PastReview>
        rowKey={(review) => `${review.applicationId}:${review.stageKey}`}
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('noPastReviews') }}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? data?.items.length,
          showSizeChanger: false,
          onChange: setPage,
        }}
        expandable={{ expandedRowRender: (review) => <ReviewSheet review={review} /> }}
        columns={[
          {
            title: t('title'),
            key: 'title',
            render: (_, review) => (
              <>
                {review.proposal.title} {review.blind && <Tag>{t('blindReview')}</Tag>}
              </>
            ),
          },
          { title: t('program'), dataIndex: 'programName' },
          { title: t('stage'), key: 'stage', width: 140, render: (_, review) => pick(review.stageName) },
          {
            title: t('total'),
            key: 'total',
            width: 100,
            render: (_, review) => (
              <span data-testid="past-review-total">
                {review.total} / {review.maxTotal}
              </span>
            ),
          },
          {
            title: t('submittedAt'),
            dataIndex: 'submittedAt',
            width: 170,
            render: (iso: string) => dateTime(iso, language),
          },
          {
            title: t('caseNow'),
            key: 'current',
            width: 160,
            render: (_, { current }) =>
              current.stageName ? (
                pick(current.stageName)
              ) : (
                // Ended cases stand in a state outside the template's stages, named by the shared list.
                <Tag>{stageName(undefined, current.stageKey, pick)}</Tag>
              ),
          },
        ]}
      />
    </>
  );
}

/** The sheet as submitted: each criterion's score out of its maximum, with the reviewer's comment. */
function ReviewSheet({ review }: { review: PastReview }) {
  const { t, pick } = useI18n();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      title={`${t('revisionScored')}: ${review.revision}`}
      items={review.criteria.map((criterion) => ({
        key: criterion.id,
        label: pick(criterion.name),
        children: (
          <>
            <strong>
              {criterion.score} / {criterion.max}
            </strong>
            {criterion.comment && <div>{criterion.comment}</div>}
          </>
        ),
      }))}
    />
  );
}
