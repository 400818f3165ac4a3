import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { streetRestriction } from '../auth/access-rules';
import { OverviewQueryDto } from './dto/overview-query.dto';
import { StatsOverviewView } from './dto/stats-overview.view';
import { StatsService } from './stats.service';

/** Figures across programs and years for leadership's dashboard. */
@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'Every published program with its funnel, money, review progress, and their totals by category, street and grade (a scoped leader: the own street only)',
  })
  @ApiOkResponse({ type: StatsOverviewView })
  overview(@Query() query: OverviewQueryDto, @CurrentActor() actor: Actor): Promise<StatsOverviewView> {
    const ownStreet = streetRestriction(actor);
    // A leader limited to a street asking for another street sees nothing of it, as in every case list.
    const street =
      ownStreet === undefined ? query.street : query.street && query.street !== ownStreet ? '' : ownStreet;
    return this.stats.overview({ year: query.year, templateKey: query.templateKey, street });
  }
}
