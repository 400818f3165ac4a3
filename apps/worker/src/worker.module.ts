import { Module, type DynamicModule } from '@nestjs/common';
import { configModule, loggingModule } from '@grantflow/config';
import { DatabaseModule } from '@grantflow/db';
import { WorkerService } from './worker.service';

/** Application context hosting the Temporal worker: configuration, logging, database, worker. */
@Module({})
export class WorkerModule {
  /** Reads the environment when called (not when this file is imported), so each context gets the current one. */
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [configModule(), loggingModule(), DatabaseModule],
      providers: [WorkerService],
    };
  }
}
