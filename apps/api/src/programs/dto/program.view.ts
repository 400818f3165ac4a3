import { ApiProperty } from '@nestjs/swagger';
import type { ProgramEntity, ProgramStatus } from '@grantflow/db';

/** A program as listed to users. */
export class ProgramView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() templateKey: string;
  @ApiProperty({ description: 'Budget in fen' }) budgetFen: number;
  @ApiProperty({ enum: ['draft', 'published', 'closed'] }) status: ProgramStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(entity: ProgramEntity): ProgramView {
    return Object.assign(new ProgramView(), {
      id: entity.id,
      name: entity.name,
      templateKey: entity.templateKey,
      budgetFen: entity.budgetFen,
      status: entity.status,
      createdAt: entity.createdAt.toISOString(),
    });
  }
}
