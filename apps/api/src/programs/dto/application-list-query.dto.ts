import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from './update-program.dto';

/** Orders a program's application list: by arrival (the default) or by the next deadline, earliest first. */
export const APPLICATION_SORTS = ['created', 'deadline'] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

// Query strings are text: only the words true and false are booleans, anything else fails validation.
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Filters and order of a program's application list (the coordinator's pipeline and overdue view). */
export class ApplicationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Only cases whose next deadline (revision, stage, report) has passed and that have not ended; ' +
      'sorted by that deadline, the latest first, unless `sort` says otherwise',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: APPLICATION_SORTS,
    description: 'created: in order of arrival; deadline: by next deadline, earliest first (none last)',
  })
  @IsOptional()
  @IsIn(APPLICATION_SORTS)
  sort?: ApplicationSort;
}
