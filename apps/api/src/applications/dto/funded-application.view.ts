import { ApiProperty } from '@nestjs/swagger';
import type { ApplicationEntity, ProgramEntity } from '@grantflow/db';
import { ApplicationView } from './application.view';

/** A case of a program a company funds, as its funder's list shows it: the case, its program and template. */
export class FundedApplicationView extends ApplicationView {
  @ApiProperty({ description: 'The name of the program (the funded project) the case belongs to' })
  programName: string;
  @ApiProperty({ example: 'company-funded', description: 'The program’s template, which names the stages' })
  templateKey: string;

  static funded(
    entity: ApplicationEntity,
    program: Pick<ProgramEntity, 'name' | 'templateKey'>,
  ): FundedApplicationView {
    return Object.assign(new FundedApplicationView(), ApplicationView.of(entity), {
      programName: program.name,
      templateKey: program.templateKey,
    });
  }
}
