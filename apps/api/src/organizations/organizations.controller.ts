import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  PartialType,
} from '@nestjs/swagger';
import { uuidParam } from '../common/problem';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { AddMemberDto, MemberView } from './dto/member.dto';
import { OrganizationView } from './dto/organization.view';
import { OrganizationsService } from './organizations.service';

/** Changes to an organization's profile. */
export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

/** Organizations (社会组织): registration, profiles and members. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register an organization' })
  @ApiCreatedResponse({ type: OrganizationView })
  async create(@Body() body: CreateOrganizationDto, @CurrentActor() actor: Actor): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.create(body, actor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An organization profile' })
  @ApiOkResponse({ type: OrganizationView })
  async get(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor): Promise<OrganizationView> {
    const organization = await this.organizations.getVisible(id, actor);
    return OrganizationView.of(organization, await this.organizations.barredForYear(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit an organization profile' })
  @ApiOkResponse({ type: OrganizationView })
  async update(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateOrganizationDto,
    @CurrentActor() actor: Actor,
  ): Promise<OrganizationView> {
    await this.organizations.checkManager(id, actor);
    const organization = await this.organizations.update(id, body);
    return OrganizationView.of(organization, await this.organizations.barredForYear(id));
  }

  @Post(':id/members')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Add a member (admin or member) to an organization' })
  @ApiCreatedResponse({ type: MemberView })
  async addMember(
    @Param('id', uuidParam) id: string,
    @Body() body: AddMemberDto,
    @CurrentActor() actor: Actor,
  ): Promise<MemberView> {
    await this.organizations.checkManager(id, actor);
    return MemberView.of(await this.organizations.addMember(id, body));
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'The members of an organization' })
  @ApiOkResponse({ type: [MemberView] })
  async members(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor): Promise<MemberView[]> {
    await this.organizations.getVisible(id, actor);
    return (await this.organizations.listMembers(id)).map((member) => MemberView.of(member));
  }
}
