import { Module } from '@nestjs/common';
import { PublicProgramsController } from './public-programs.controller';
import { PublishedAwardsService } from './published-awards.service';

/** Published results for everyone: open data (360Giving) and the award lists of the notice boards. */
@Module({
  controllers: [PublicProgramsController],
  providers: [PublishedAwardsService],
})
export class OpenDataModule {}
