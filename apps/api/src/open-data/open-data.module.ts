import { Module } from '@nestjs/common';
import { PublicProgramsController } from './public-programs.controller';
import { PublishedAwardsService } from './published-awards.service';
import { ProcurementPublicationService } from './procurement-publication.service';

/** Published results for everyone: open data (360Giving, OCDS) and the award lists of the notice boards. */
@Module({
  controllers: [PublicProgramsController],
  providers: [PublishedAwardsService, ProcurementPublicationService],
})
export class OpenDataModule {}
