export * from './config.module';
export * from './environment';
