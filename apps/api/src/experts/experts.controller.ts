import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  type PipeTransform,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound } from '../common/problem';
import { CreateExpertDto, EXPERT_ID } from './dto/create-expert.dto';
import { DeclareConflictDto } from './dto/declare-conflict.dto';
import { ConflictView, ExpertView } from './dto/expert.view';
import { ListExpertsQueryDto } from './dto/list-experts.dto';
import { UpdateExpertDto } from './dto/update-expert.dto';
import { ExpertsService } from './experts.service';

// A malformed expert id names no expert, so it is a 404 like an unknown one (as with UUID ids elsewhere).
const expertIdParam: PipeTransform<string, string> = {
  transform(value: string) {
    if (!EXPERT_ID.test(value))
      throw notFound({ zh: '该编号不对应任何专家', en: 'The id does not name any expert' });
    return value;
  },
};

/** Expert registry (专家库): profiles, availability, loads and declared conflicts of interest. */
/** A reviewer reads and declares only for themself; coordinators and administrators for anyone. */
function ownProfileOnly(actor: Actor, expertId: string): void {
  const staff = actor.roles.some((role) => role === 'admin' || role.startsWith('coordinator:'));
  if (!staff && actor.userId !== expertId)
    throw notFound({ zh: `专家 ${expertId} 不存在`, en: `Expert ${expertId} does not exist` });
}

@ApiTags('experts')
@Controller('experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register an expert' })
  @ApiCreatedResponse({ type: ExpertView })
  async register(@Body() body: CreateExpertDto): Promise<ExpertView> {
    return ExpertView.of(await this.experts.register(body));
  }

  @Get()
  @ApiOperation({ summary: 'The registry, by level, category and availability' })
  @ApiOkResponse({ type: [ExpertView] })
  async list(@Query() query: ListExpertsQueryDto): Promise<ExpertView[]> {
    return (await this.experts.list(query)).map((expert) => ExpertView.of(expert));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An expert’s profile' })
  @ApiOkResponse({ type: ExpertView })
  async get(@Param('id', expertIdParam) id: string, @CurrentActor() actor: Actor): Promise<ExpertView> {
    ownProfileOnly(actor, id);
    return ExpertView.of(await this.experts.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit availability, loads, expertise, affiliation or street' })
  @ApiOkResponse({ type: ExpertView })
  async update(@Param('id', expertIdParam) id: string, @Body() body: UpdateExpertDto): Promise<ExpertView> {
    return ExpertView.of(await this.experts.update(id, body));
  }

  @Post(':id/conflicts')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Declare a conflict of interest with a program, a case or an organization' })
  @ApiCreatedResponse({ type: ConflictView })
  async declareConflict(
    @Param('id', expertIdParam) id: string,
    @Body() body: DeclareConflictDto,
    @CurrentActor() actor: Actor,
  ): Promise<ConflictView> {
    ownProfileOnly(actor, id);
    return ConflictView.of(await this.experts.declareConflict(id, body));
  }

  @Get(':id/conflicts')
  @ApiOperation({
    summary: 'The conflicts assignment applies: declared ones and the expert’s own organization',
  })
  @ApiOkResponse({ type: [ConflictView] })
  async conflicts(
    @Param('id', expertIdParam) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ConflictView[]> {
    ownProfileOnly(actor, id);
    const { expert, declared } = await this.experts.listConflicts(id);
    return [
      ...(expert.affiliationOrganizationId
        ? [ConflictView.affiliation(expert.affiliationOrganizationId)]
        : []),
      ...declared.map((conflict) => ConflictView.of(conflict)),
    ];
  }
}
