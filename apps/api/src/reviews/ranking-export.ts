import { SERVICE_CATEGORIES } from '@grantflow/domain';
import type { NoticeTable } from '@grantflow/open-data';
import type { RankingEntryView, RankingView } from './dto/ranking.view';

const OUTCOMES: Record<string, string> = {
  advanced: '晋级',
  not_advanced: '未晋级',
  awarded: '资助',
  declined: '未资助',
};

// Where the case stands: the outcome once the stage closed, the proposal while it awaits confirmation, else
// whether it meets the stage's rule on the ranking as it is now.
function standing(entry: RankingEntryView): string {
  if (entry.allocation) {
    const outcome = OUTCOMES[entry.allocation.outcome] ?? entry.allocation.outcome;
    return entry.allocation.status === 'proposed' ? `拟${outcome}` : outcome;
  }
  if (entry.outcome) return OUTCOMES[entry.outcome.outcome] ?? entry.outcome.outcome;
  if (entry.meetsAdvancementRule === null) return '';
  return entry.meetsAdvancementRule ? '符合晋级条件（未关闭）' : '不符合晋级条件（未关闭）';
}

function note(entry: RankingEntryView): string {
  if (entry.allocation) return entry.allocation.reasonText;
  if (entry.outcome?.reason) return entry.outcome.reason;
  return entry.ineligibleReasons.map((reason) => reason.message.zh).join('；');
}

const categoryName = (key: string) => SERVICE_CATEGORIES.find((category) => category.key === key)?.zh ?? key;

/** A review or decision stage's ranking as a list for staff and the notice boards, one line per case. */
export function rankingListTable(ranking: RankingView): NoticeTable {
  const decision = ranking.stageKind === 'decision';
  return {
    title: `排名 ${ranking.stageName.zh}`,
    columns: [
      { key: 'rank', header: '排名 Rank', kind: 'integer' },
      { key: 'title', header: '项目名称 Project', kind: 'text' },
      { key: 'street', header: '所属街道 Street', kind: 'text' },
      { key: 'category', header: '项目类别 Category', kind: 'text' },
      { key: 'requested', header: '申请金额（元）Requested (yuan)', kind: 'yuan' },
      { key: 'score', header: '得分 Score', kind: 'number' },
      { key: 'basis', header: '计分依据 Basis', kind: 'text' },
      { key: 'reviews', header: '评审份数 Reviews', kind: 'integer' },
      { key: 'eligible', header: '满足门槛 Meets thresholds', kind: 'text' },
      { key: 'standing', header: '结果 Outcome', kind: 'text' },
      ...(decision
        ? [{ key: 'awarded', header: '资助金额（元）Awarded (yuan)', kind: 'yuan' as const }]
        : []),
      { key: 'note', header: '说明 Note', kind: 'text' },
      { key: 'applicationId', header: '申请编号 Application id', kind: 'text' },
    ],
    rows: ranking.entries.map((entry) => ({
      rank: entry.rank,
      title: entry.title,
      street: entry.street,
      category: categoryName(entry.category),
      requested: entry.requestedAmountFen,
      score: entry.score,
      basis: entry.basis === 'consensus' ? '合议分' : '均值',
      reviews: entry.reviewCount,
      eligible: entry.eligible ? '是' : '否',
      standing: standing(entry),
      awarded: entry.allocation?.outcome === 'awarded' ? entry.allocation.amountFen : null,
      note: note(entry),
      applicationId: entry.applicationId,
    })),
  };
}
