export * from './case.workflow';
