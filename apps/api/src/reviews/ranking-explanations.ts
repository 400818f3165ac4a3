import type { Rubric, Separation } from '@grantflow/domain';
import type { Bilingual } from '../common/language';

function keyName(key: string, rubric: Rubric): Bilingual {
  if (key.startsWith('criterion:')) {
    const criterion = rubric.criteria.find((candidate) => `criterion:${candidate.id}` === key);
    return criterion
      ? { zh: `「${criterion.name.zh}」得分`, en: `the “${criterion.name.en}” score` }
      : { zh: key, en: key };
  }
  switch (key) {
    case 'eligibility':
      return { zh: '门槛条件', en: 'eligibility' };
    case 'total':
      return { zh: '得分', en: 'score' };
    case 'lowerRequestedAmount':
      return { zh: '申请金额', en: 'requested amount' };
    case 'earlierSubmission':
      return { zh: '提交时间', en: 'submission time' };
    default:
      return { zh: '申请编号', en: 'application id' };
  }
}

function decidedBy(key: string, rubric: Rubric): Bilingual {
  if (key.startsWith('criterion:')) {
    const name = keyName(key, rubric);
    return { zh: `上一名${name.zh}更高`, en: `the case above has the higher ${name.en}` };
  }
  switch (key) {
    case 'eligibility':
      return {
        zh: '上一名满足全部门槛条件，本申请未满足',
        en: 'the case above meets every threshold and this one does not',
      };
    case 'total':
      return { zh: '上一名得分更高', en: 'the case above scored higher' };
    case 'lowerRequestedAmount':
      return { zh: '上一名申请金额更低', en: 'the case above asks for less money' };
    case 'earlierSubmission':
      return { zh: '上一名提交更早', en: 'the case above was submitted earlier' };
    default:
      return {
        zh: '其余条件均相同，按申请编号先后排列',
        en: 'all else being equal, the application ids decide',
      };
  }
}

/** Says in both languages what put a case below its neighbour, e.g. "与上一名得分相同；上一名申请金额更低". */
export function explainSeparation(separation: Separation, rubric: Rubric): Bilingual {
  const decided = decidedBy(separation.decidedBy, rubric);
  if (separation.tiedOn.length === 0)
    return { zh: decided.zh, en: decided.en.charAt(0).toUpperCase() + decided.en.slice(1) };
  const tied = separation.tiedOn.map((key) => keyName(key, rubric));
  return {
    zh: `与上一名${tied.map((name) => name.zh).join('、')}相同；${decided.zh}`,
    en: `Tied with the case above on ${tied.map((name) => name.en).join(', ')}; ${decided.en}`,
  };
}
