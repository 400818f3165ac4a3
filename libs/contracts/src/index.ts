export * from './actor';
export * from './case.messages';
export * from './failures';
export * from './notifications';
export * from './program.messages';
export * from './search-attributes';
export * from './workflow-ids';
