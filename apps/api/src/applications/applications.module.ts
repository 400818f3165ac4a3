import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import {
  ApplicationsController,
  FunderApplicationsController,
  OrganizationApplicationsController,
  PublicApplicationsController,
} from './applications.controller';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [OrganizationsModule],
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
