export * from './connection-settings';
export * from './search-attribute-registration';
export * from './workflow-bundle';
export * from './runtime-logging';
