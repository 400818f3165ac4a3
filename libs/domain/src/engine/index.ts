export * from './case-context';
export * from './case-engine';
export * from './case-state';
export { isProgramWide, PROGRAM_WIDE_STAGE_KINDS } from './case-step';
export * from './sealed-submissions';
export { callUnsuccessful } from './stages/screening';
