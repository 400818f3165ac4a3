import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/problem';
import { PublicProgramView, PublicResultsView } from './dto/public-results.view';
import { ProgramsService } from './programs.service';

/** What anyone may read without signing in: published programs and their confirmed results (公示). */
@ApiTags('public')
@Controller('public/programs')
export class PublicProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get()
  @ApiOperation({ summary: 'Published programs, newest first' })
  @ApiOkResponse({ type: [PublicProgramView] })
  list(): Promise<PublicProgramView[]> {
    return this.programs.publicPrograms();
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'The confirmed results of a program and whether its public notice takes objections',
  })
  @ApiOkResponse({ type: PublicResultsView })
  results(@Param('id', uuidParam) id: string): Promise<PublicResultsView> {
    return this.programs.publicResults(id);
  }
}
