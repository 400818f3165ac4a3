import { Module } from '@nestjs/common';
import {
  ApplicationsController,
  FunderApplicationsController,
  OrganizationApplicationsController,
  PublicApplicationsController,
} from './applications.controller';
import { ApplicationsService } from './applications.service';

@Module({
  controllers: [
    ApplicationsController,
    PublicApplicationsController,
    OrganizationApplicationsController,
    FunderApplicationsController,
  ],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
