// Government purchase of services (政府购买服务): a project's rules as pure, configurable checks.
export * from './committee';
export * from './performance';
export * from './procurement-errors';
export * from './procurement-rules';
export * from './validate-procurement';
export * from './procurement-template';
export * from './pick-next-ranked';
