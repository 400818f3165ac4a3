import { Module, type DynamicModule } from '@nestjs/common';
import { configModule, loggingModule } from '@grantflow/config';
import { DatabaseModule } from '@grantflow/db';
import { ApplicationsModule } from './applications/applications.module';
import { AuthModule } from './auth/auth.module';
import { DocumentsModule } from './documents/documents.module';
import { ExpertsModule } from './experts/experts.module';
import { HealthModule } from './health/health.module';
import { OpenDataModule } from './open-data/open-data.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ProgramsModule } from './programs/programs.module';
import { ReviewsModule } from './reviews/reviews.module';
import { StatsModule } from './stats/stats.module';
import { TemplatesModule } from './templates/templates.module';
import { TemporalModule } from './temporal/temporal.module';

/** The HTTP API: commands go to Temporal, reads come from Postgres. */
@Module({})
export class ApiModule {
  /** Reads the environment when called (not when this file is imported), so each app gets the current one. */
  static forRoot(): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        configModule(),
        loggingModule(),
        DatabaseModule,
        TemporalModule,
        AuthModule,
        HealthModule,
        OrganizationsModule,
        ProgramsModule,
        StatsModule,
        ApplicationsModule,
        DocumentsModule,
        NotificationsModule,
        TemplatesModule,
        ExpertsModule,
        ReviewsModule,
        OpenDataModule,
      ],
    };
  }
}
