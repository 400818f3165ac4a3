import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { streetRestriction } from '../auth/access-rules';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { uuidParam } from '../common/problem';
import { ApplicationView } from '../applications/dto/application.view';
import { ApplicationListQueryDto } from './dto/application-list-query.dto';
import { ApplicationsService } from '../applications/applications.service';
import { CreateProgramDto } from './dto/create-program.dto';
import {
  AwardProposalView,
  CalendarStageView,
  ProgramEventView,
  ProgramStatsView,
  ProgramView,
} from './dto/program.view';
import { PickNextRankedDto, StageActionDto, UpdateProgramDto } from './dto/update-program.dto';
import { ProgramsService, type ProgramStageAction } from './programs.service';

/** Programs: calls for proposals built from a process template, their calendar and pipeline. */
@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly applications: ApplicationsService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a program in draft from a process template' })
  @ApiCreatedResponse({ type: ProgramView })
  async create(@Body() body: CreateProgramDto): Promise<ProgramView> {
    return ProgramView.of(await this.programs.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'Programs, newest first' })
  @ApiOkResponse({ type: [ProgramView] })
  async list(): Promise<ProgramView[]> {
    return (await this.programs.list()).map((program) => ProgramView.of(program));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One program' })
  @ApiOkResponse({ type: ProgramView })
  async get(@Param('id', uuidParam) id: string): Promise<ProgramView> {
    const program = await this.programs.get(id);
    return ProgramView.of(program, await this.programs.claimedProjectKeys(program));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a program before it is published' })
  @ApiOkResponse({ type: ProgramView })
  async update(@Param('id', uuidParam) id: string, @Body() body: UpdateProgramDto): Promise<ProgramView> {
    return ProgramView.of(await this.programs.update(id, body));
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish: freeze the template and calendar and start the program' })
  @ApiOkResponse({ type: ProgramView })
  async publish(@Param('id', uuidParam) id: string): Promise<ProgramView> {
    return ProgramView.of(await this.programs.publish(id));
  }

  @Get(':id/calendar')
  @ApiOperation({ summary: 'The stages of the program with their dates' })
  @ApiOkResponse({ type: [CalendarStageView] })
  calendar(@Param('id', uuidParam) id: string): Promise<CalendarStageView[]> {
    return this.programs.calendar(id);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary:
      'What the program recorded, oldest first: stages opened, extended and closed, and the findings of its ' +
      'batch steps (e.g. category minimums no allocation could meet, with the figures)',
  })
  @ApiOkResponse({ type: [ProgramEventView] })
  async timeline(@Param('id', uuidParam) id: string): Promise<ProgramEventView[]> {
    return (await this.programs.timeline(id)).map((event) => ProgramEventView.of(event));
  }

  @Post(':id/stages/:stageKey/extend')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'stageKey' })
  @ApiOperation({ summary: 'Extend the open program-wide stage (e.g. the submission window)' })
  @ApiOkResponse({ type: ProgramView })
  async extend(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @Body() body: StageActionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ProgramView> {
    return this.stageControl('extend_stage', id, stageKey, actor, idempotencyKey, {
      until: body.until,
      reason: body.reason,
    });
  }

  @Post(':id/stages/:stageKey/close')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'stageKey' })
  @ApiOperation({ summary: 'Close the open program-wide stage now and run its batch step' })
  @ApiOkResponse({ type: ProgramView })
  async close(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @Body() body: StageActionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ProgramView> {
    return this.stageControl('close_stage', id, stageKey, actor, idempotencyKey, { reason: body.reason });
  }

  @Post(':id/stages/:stageKey/amend')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'stageKey' })
  @ApiOperation({
    summary:
      'Amend the call during its submission window (reason: what changes; until: a new close): submitted bids return to draft and their bidders are told',
  })
  @ApiOkResponse({ type: ProgramView })
  async amend(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @Body() body: StageActionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ProgramView> {
    return this.stageControl('amend_call', id, stageKey, actor, idempotencyKey, {
      until: body.until,
      reason: body.reason,
    });
  }

  @Get(':id/stages/:stageKey/award-proposal')
  @ApiParam({ name: 'stageKey' })
  @ApiOperation({
    summary: 'The award proposal of a decision stage: awards, then the reserve list with reasons',
  })
  @ApiOkResponse({ type: [AwardProposalView] })
  async awardProposal(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
  ): Promise<AwardProposalView[]> {
    return (await this.programs.awardProposal(id, stageKey)).map((line) => AwardProposalView.of(line));
  }

  @Post(':id/stages/:stageKey/award-proposal/pick-next')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'stageKey' })
  @ApiOperation({
    summary:
      'Before confirming: award the head of the reserve list instead of the recommended award, with the reason',
  })
  @ApiOkResponse({ type: [AwardProposalView] })
  async pickNextRanked(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @Body() body: PickNextRankedDto,
    @CurrentActor() actor: Actor,
  ): Promise<AwardProposalView[]> {
    return (await this.programs.pickNextRanked(id, stageKey, actor, body)).map((line) =>
      AwardProposalView.of(line),
    );
  }

  @Post(':id/stages/:stageKey/confirm-awards')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'stageKey' })
  @ApiOperation({ summary: 'Confirm the award proposal; the cases then learn their outcome' })
  @ApiOkResponse({ type: ProgramView })
  async confirmAwards(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @Body() body: StageActionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ProgramView> {
    return this.stageControl('confirm_awards', id, stageKey, actor, idempotencyKey, { reason: body.reason });
  }

  @Get(':id/stats')
  @ApiOperation({
    summary:
      'Counts per stage, category and street, and the amount awarded (street staff: their street only)',
  })
  @ApiOkResponse({ type: ProgramStatsView })
  stats(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor): Promise<ProgramStatsView> {
    return this.programs.stats(id, streetRestriction(actor));
  }

  @Get(':id/applications')
  @ApiOperation({
    summary:
      'The program’s applications, filtered (by stage, street, category, overdue) and paginated; sealed bids ' +
      'before the opening come without form or price',
  })
  @ApiOkResponse({
    type: [ApplicationView],
    headers: { 'X-Total-Count': { description: 'Applications matching the filters, on every page' } },
  })
  async applicationsOf(
    @Param('id', uuidParam) id: string,
    @Query() query: ApplicationListQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApplicationView[]> {
    await this.programs.get(id);
    const { applications, total } = await this.applications.pageForProgram(id, query, actor);
    // A header, not an envelope: the body stays the array existing clients read.
    response.setHeader('X-Total-Count', String(total));
    return applications.map((application) => ApplicationView.of(application));
  }

  /** The program-wide stage controls differ only in the action they ask of the program workflow. */
  private async stageControl(
    action: ProgramStageAction,
    id: string,
    stageKey: string,
    actor: Actor,
    idempotencyKey: string | undefined,
    input: { until?: string; reason?: string },
  ): Promise<ProgramView> {
    return ProgramView.of(
      await this.programs.stageAction(id, stageKey, action, actor, input, idempotencyKey),
    );
  }
}
