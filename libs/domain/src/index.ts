// Pure business rules, importable from workflows, activities and the API alike. Modules that carry large
// data or a solver (the official holiday data set, HiGHS) are imported from their own paths instead, so the
// workflow bundle stays small.
export * from './calendar';
export * from './cases';
export * from './categories';
export * from './engine';
export * from './money';
export * from './procurement';
export * from './review/scoring';
export * from './templates';
