import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';
import { ENTITIES } from './entities';

/** Connects the application's Postgres from configuration and exposes the entity repositories. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        ...dataSourceOptions({
          url: config.getOrThrow<string>('DATABASE_URL'),
          ssl: config.get<boolean>('DATABASE_SSL'),
          poolSize: config.get<number>('DATABASE_POOL_SIZE'),
        }),
        // A database that is still starting (or restarting) is waited for rather than crashing the process.
        retryAttempts: 10,
        retryDelay: 2000,
      }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
