export * from './case-actions';
