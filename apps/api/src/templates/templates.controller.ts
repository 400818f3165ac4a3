import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PROCESS_TEMPLATES, type ProcessTemplate } from '@grantflow/domain';
import { notFound } from '../common/problem';

/** Process templates: the stages a program runs and the form its applicants fill in. */
@ApiTags('templates')
@Controller('templates')
export class TemplatesController {
  @Get()
  @ApiOperation({ summary: 'The process templates programs can be created from' })
  @ApiOkResponse({ description: 'Key, version and name of each template' })
  list() {
    return Object.values(PROCESS_TEMPLATES).map(({ key, version, name, caseSubject }) => ({
      key,
      version,
      name,
      caseSubject,
    }));
  }

  @Get(':key')
  @ApiOperation({
    summary: 'A template with its stages, their durations and permissions, and the application form',
  })
  @ApiOkResponse({ description: 'The whole template as typed data' })
  get(@Param('key') key: string): ProcessTemplate {
    const template = PROCESS_TEMPLATES[key];
    if (!template) throw notFound({ zh: `模板 ${key} 不存在`, en: `There is no template "${key}"` });
    return template;
  }
}
