import { ApiProperty } from '@nestjs/swagger';
import type { ApplicationEntity } from '@grantflow/db';
import { ApplicationView } from './application.view';

/** A case of a program a company funds, as its funder's list shows it: the case and the program's name. */
export class FundedApplicationView extends ApplicationView {
  @ApiProperty({ description: 'The name of the program (the funded project) the case belongs to' })
  programName: string;

  static funded(entity: ApplicationEntity, programName: string): FundedApplicationView {
    return Object.assign(new FundedApplicationView(), ApplicationView.of(entity), { programName });
  }
}
