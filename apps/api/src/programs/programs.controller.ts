import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/problem';
import { CreateProgramDto } from './dto/create-program.dto';
import { ProgramView } from './dto/program.view';
import { ProgramsService } from './programs.service';

/** Programs: calls for proposals built from a process template. */
@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a program in draft' })
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
    return ProgramView.of(await this.programs.get(id));
  }
}
