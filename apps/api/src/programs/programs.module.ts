import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';
import { PublicProgramsController } from './public-programs.controller';

@Module({
  imports: [ApplicationsModule],
  controllers: [ProgramsController, PublicProgramsController],
  providers: [ProgramsService],
  exports: [ProgramsService],
})
export class ProgramsModule {}
