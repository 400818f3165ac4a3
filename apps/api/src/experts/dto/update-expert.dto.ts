import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateExpertDto } from './create-expert.dto';

/** Changes to an expert's profile: availability, loads, expertise, affiliation (null clears it), street. */
export class UpdateExpertDto extends PartialType(OmitType(CreateExpertDto, ['id', 'level'] as const)) {}
