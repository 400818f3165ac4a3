export * from './case.workflow';
export * from './program.workflow';
