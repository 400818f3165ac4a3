/** Service categories of community projects, as the district counts them (see DOMAIN.md). */
export const SERVICE_CATEGORIES = [
  { key: 'elderly', zh: '为老服务', en: 'Elderly services' },
  { key: 'disability_hardship', zh: '助残帮困', en: 'Disability and hardship' },
  { key: 'youth', zh: '青少年服务', en: 'Youth services' },
  { key: 'new_residents', zh: '新杭州人服务', en: 'New residents' },
  { key: 'culture', zh: '文化', en: 'Culture' },
  { key: 'environment', zh: '环保', en: 'Environment' },
  { key: 'food_safety', zh: '食品安全', en: 'Food safety' },
  { key: 'other', zh: '其他公益', en: 'Other public benefit' },
] as const;

/** Key of a service category. */
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]['key'];

/** Every category key, for validation. */
export const SERVICE_CATEGORY_KEYS: ServiceCategory[] = SERVICE_CATEGORIES.map((category) => category.key);
