import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

// Entry point for the TypeORM CLI (`npm run migration:generate`), compiled into dist/ first.
export default new DataSource(
  dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/grantflow_dev' }),
);
