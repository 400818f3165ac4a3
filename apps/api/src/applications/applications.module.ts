import { Module } from '@nestjs/common';
import {
  ApplicationsController,
  OrganizationApplicationsController,
  PublicApplicationsController,
} from './applications.controller';
import { ApplicationsService } from './applications.service';

@Module({
  controllers: [ApplicationsController, PublicApplicationsController, OrganizationApplicationsController],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
