import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { uuidParam } from '../common/problem';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { OrganizationView } from './dto/organization.view';
import { OrganizationsService } from './organizations.service';

/** Organizations (社会组织): registration and profiles. */
@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register an organization' })
  @ApiCreatedResponse({ type: OrganizationView })
  async create(@Body() body: CreateOrganizationDto): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.create(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An organization profile' })
  @ApiOkResponse({ type: OrganizationView })
  async get(@Param('id', uuidParam) id: string): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.get(id));
  }
}
