import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { TemporalHealthIndicator } from './temporal.health';

// A dependency that does not answer within this time counts as down; readiness probes run every few seconds.
const DEPENDENCY_TIMEOUT_MS = 2000;

/** Liveness and readiness for operators and orchestrators. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  /** Readiness: 200 when Postgres and Temporal both answer, 503 naming the one that does not. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database and Temporal reachability' })
  check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.readiness(response);
  }

  /** Readiness under the conventional path. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness (same as /health)' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.readiness(response);
  }

  /** Liveness: the process serves HTTP; dependencies are not consulted, since a restart would not help them. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness' })
  live() {
    return { status: 'ok' };
  }

  // Terminus reports a failed check as an exception; probes want the same body with status 503, not a
  // problem document, so the result is returned as it is.
  private async readiness(response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: DEPENDENCY_TIMEOUT_MS }),
        () => this.temporal.check('temporal', DEPENDENCY_TIMEOUT_MS),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
