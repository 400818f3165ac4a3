import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import type { Environment } from '@grantflow/config';
import {
  clientConnectionOptions,
  registerSearchAttributes,
  type TemporalSettings,
} from '@grantflow/temporal';

/** Injection token of the Temporal client. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** Injection token of the Temporal connection (for health checks and operator calls). */
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
/** Injection token of the Temporal settings (namespace, task queue ...). */
export const TEMPORAL_SETTINGS = Symbol('TEMPORAL_SETTINGS');

function settingsFrom(config: ConfigService<Environment, true>): TemporalSettings {
  return {
    address: config.get('TEMPORAL_ADDRESS'),
    namespace: config.get('TEMPORAL_NAMESPACE'),
    taskQueue: config.get('TEMPORAL_TASK_QUEUE'),
    tls: config.get('TEMPORAL_TLS'),
    tlsCertPath: config.get('TEMPORAL_TLS_CERT_PATH'),
    tlsKeyPath: config.get('TEMPORAL_TLS_KEY_PATH'),
    apiKey: config.get('TEMPORAL_API_KEY'),
  };
}

@Injectable()
class TemporalLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Temporal');

  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    @Inject(TEMPORAL_SETTINGS) private readonly settings: TemporalSettings,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('TEMPORAL_REGISTER_SEARCH_ATTRIBUTES')) return;
    try {
      const added = await registerSearchAttributes(this.connection, this.settings.namespace);
      if (added.length > 0) this.logger.log(`Registered search attributes: ${added.join(', ')}`);
    } catch (error) {
      // The API serves reads without Temporal; /health reports it down until it is reachable.
      this.logger.warn(`Could not register search attributes yet: ${String(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The Temporal client, connected lazily so the API starts (and reports health) while Temporal is away. */
@Global()
@Module({
  providers: [
    { provide: TEMPORAL_SETTINGS, inject: [ConfigService], useFactory: settingsFrom },
    {
      provide: TEMPORAL_CONNECTION,
      inject: [TEMPORAL_SETTINGS],
      useFactory: (settings: TemporalSettings) => Connection.lazy(clientConnectionOptions(settings)),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, TEMPORAL_SETTINGS],
      useFactory: (connection: Connection, settings: TemporalSettings) =>
        new Client({ connection, namespace: settings.namespace }),
    },
    TemporalLifecycle,
  ],
  exports: [TEMPORAL_CLIENT, TEMPORAL_CONNECTION, TEMPORAL_SETTINGS],
})
export class TemporalModule {}
