import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/problem';
import { PageQueryDto } from '../programs/dto/update-program.dto';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/auth.dto';
import { UsersService } from './users.service';

/** Staff accounts and their roles (用户管理), for administrators. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts, by e-mail' })
  list(@Query() query: PageQueryDto): Promise<{ items: UserView[]; total: number }> {
    return this.users.list(query.page ?? 1, query.pageSize ?? 50);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a staff account; the person sets a password from the invitation e-mail' })
  @ApiCreatedResponse({ type: UserView })
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change an account's roles or scope, or disable it" })
  @ApiOkResponse({ type: UserView })
  update(@Param('id', uuidParam) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, body);
  }
}
