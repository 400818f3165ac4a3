import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { uuidParam } from '../common/problem';
import { ApplicationView, TransitionView } from './dto/application.view';
import { CreateApplicationDto } from './dto/create-application.dto';
import { WithdrawApplicationDto } from './dto/withdraw-application.dto';
import { ApplicationsService } from './applications.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat a request with the same key to get the first result instead of acting twice',
};

/** Applications (申报): drafts, submission, withdrawal and the case timeline. */
@ApiTags('applications')
@ApiHeader({ name: 'X-Organization-Id', required: false, description: 'Acting organization (until sign-in)' })
@ApiHeader({ name: 'X-User-Id', required: false, description: 'Acting user (until sign-in)' })
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create an application in draft' })
  @ApiCreatedResponse({ type: ApplicationView })
  async create(@Body() body: CreateApplicationDto): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.createDraft(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An application with its current stage' })
  @ApiOkResponse({ type: ApplicationView })
  async get(@Param('id', uuidParam) id: string): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.get(id));
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every transition of the case: who, when, from, to and why' })
  @ApiOkResponse({ type: [TransitionView] })
  async timeline(@Param('id', uuidParam) id: string): Promise<TransitionView[]> {
    return (await this.applications.timeline(id)).map((transition) => TransitionView.of(transition));
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Submit the application; starts its case' })
  @ApiOkResponse({ type: ApplicationView })
  async submit(
    @Param('id', uuidParam) id: string,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.submit(id, actor, idempotencyKey));
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Withdraw the application; its case ends' })
  @ApiOkResponse({ type: ApplicationView })
  async withdraw(
    @Param('id', uuidParam) id: string,
    @Body() body: WithdrawApplicationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.withdraw(id, actor, body.reason, idempotencyKey));
  }
}
