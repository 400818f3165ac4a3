export * from './actor';
export * from './case.messages';
export * from './failures';
export * from './program.messages';
export * from './search-attributes';
export * from './workflow-ids';
