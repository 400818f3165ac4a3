import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@grantflow/contracts';
import { STAGE_ACTIONS } from '@grantflow/domain';
import { CurrentActor } from '../actors/current-actor.decorator';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { notFound, uuidParam } from '../common/problem';
import { canSeeFundedProjects, canSeeOrganization } from '../auth/access-rules';
import { ApplicationView, TransitionView } from './dto/application.view';
import { CaseActionDto, ObjectionDto } from './dto/case-action.dto';
import { DeliveryView } from './dto/delivery.view';
import { FundedApplicationView } from './dto/funded-application.view';
import { CreateApplicationDto } from './dto/create-application.dto';
import { UpdateApplicationDto } from './dto/update-application.dto';
import { ApplicationsService } from './applications.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat a request with the same key to get the first result instead of acting twice',
};

/** Applications (申报): drafts, submission, every action of their case, and the timeline. */
@ApiTags('applications')
@ApiHeader({
  name: 'X-Organization-Id',
  required: false,
  description: 'The organization the signed-in user acts for (needed only when the user belongs to several)',
})
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create an application in draft, with the form the program’s template defines' })
  @ApiCreatedResponse({ type: ApplicationView })
  async create(@Body() body: CreateApplicationDto, @CurrentActor() actor: Actor): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.createDraft(body, actor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An application with its current stage and next deadline' })
  @ApiOkResponse({ type: ApplicationView })
  async get(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor): Promise<ApplicationView> {
    const { application, visibility } = await this.applications.getVisible(id, actor);
    return visibility === 'blind' ? ApplicationView.blind(application) : ApplicationView.of(application);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft, or an application returned for revision' })
  @ApiOkResponse({ type: ApplicationView })
  async update(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.update(id, actor, body));
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every transition of the case: who, when, from, to and why' })
  @ApiOkResponse({ type: [TransitionView] })
  async timeline(
    @Param('id', uuidParam) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<TransitionView[]> {
    return (await this.applications.timeline(id, actor)).map((transition) => TransitionView.of(transition));
  }

  @Get(':id/delivery')
  @ApiOperation({
    summary: 'After the award: who signed the agreement, milestone reports, tranches and evaluation results',
  })
  @ApiOkResponse({ type: DeliveryView })
  delivery(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor): Promise<DeliveryView> {
    return this.applications.delivery(id, actor);
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

  @Post(':id/replace')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Replace a submitted sealed bid with a new version before the opening' })
  @ApiOkResponse({ type: ApplicationView })
  async replace(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateApplicationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.replace(id, actor, body, idempotencyKey));
  }

  @Post(':id/actions/:action')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiParam({ name: 'action', enum: STAGE_ACTIONS.filter((action) => action !== 'submit') })
  @ApiOperation({
    summary:
      'Act on the case: withdraw, request_revision, resubmit, screen, submit_review, award, object, sign_agreement …',
  })
  @ApiOkResponse({ type: ApplicationView })
  async act(
    @Param('id', uuidParam) id: string,
    @Param('action') action: string,
    @Body() body: CaseActionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.applications.act(id, action, actor, body, idempotencyKey));
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Withdraw the application; its case ends' })
  @ApiOkResponse({ type: ApplicationView })
  async withdraw(
    @Param('id', uuidParam) id: string,
    @Body() body: CaseActionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ApplicationView> {
    return ApplicationView.of(
      await this.applications.act(id, 'withdraw', actor, { reason: body.reason }, idempotencyKey),
    );
  }
}

/** What the public may do without signing in: object to a published result (公示异议). */
@ApiTags('public')
@Controller('public/applications')
export class PublicApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post(':id/objections')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Object to a result on public notice' })
  @ApiOkResponse({ description: 'The objection is recorded' })
  async object(
    @Param('id', uuidParam) id: string,
    @Body() body: ObjectionDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<{ received: true }> {
    // The public acts anonymously; each objection gets an id of its own for the record.
    const actor: Actor = { userId: `public:${randomUUID()}`, roles: ['public'] };
    await this.applications.act(id, 'object', actor, { reason: body.reason }, idempotencyKey);
    return { received: true };
  }
}

/** An organization's own applications, for its members (and staff who may see the organization). */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':id/applications')
  @ApiOperation({ summary: 'The applications of an organization across programs, newest first' })
  @ApiOkResponse({ type: [ApplicationView] })
  async list(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor): Promise<ApplicationView[]> {
    if (!canSeeOrganization(actor, id))
      throw notFound({ zh: `组织 ${id} 不存在`, en: `Organization ${id} does not exist` });
    return (await this.applications.listForOrganization(id)).map((application) =>
      ApplicationView.of(application),
    );
  }
}

/** The projects a company funds (企业出资), for its funder members and the district's staff. */
@ApiTags('applications')
@ApiBearerAuth()
@ApiHeader({
  name: 'X-Organization-Id',
  required: false,
  description: 'The company the funder acts for (needed only when the user belongs to several organizations)',
})
@Controller('funders')
export class FunderApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':organizationId/applications')
  @ApiOperation({
    summary: 'The submitted cases of every program the company funds, newest first, with their program',
  })
  @ApiParam({ name: 'organizationId', description: 'The funding company (an organization of the registry)' })
  @ApiOkResponse({ type: [FundedApplicationView] })
  async list(
    @Param('organizationId', uuidParam) organizationId: string,
    @CurrentActor() actor: Actor,
  ): Promise<FundedApplicationView[]> {
    // Another company's projects are not revealed: they are reported as a company that does not exist.
    if (!canSeeFundedProjects(actor, organizationId))
      throw notFound({
        zh: `出资方 ${organizationId} 不存在`,
        en: `Funder ${organizationId} does not exist`,
      });
    return (await this.applications.listFundedBy(organizationId, actor)).map(({ application, program }) =>
      FundedApplicationView.funded(application, program),
    );
  }
}
