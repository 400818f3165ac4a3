import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { TEMPORAL_CONNECTION } from '../temporal/temporal.module';

/** Reports whether the Temporal frontend answers its gRPC health check. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs: number) {
    const indicator = this.indicators.check(key);
    try {
      const connection = this.connection;
      await connection.withDeadline(Date.now() + timeoutMs, async () => {
        await connection.ensureConnected();
        await connection.workflowService.getSystemInfo({});
      });
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
