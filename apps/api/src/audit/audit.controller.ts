import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditRecordEntity, verifyAuditChain, type AuditVerification } from '@grantflow/db';

/** Filters and a page of the audit trail. */
export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'application' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  subjectType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  subjectId?: string;

  @ApiPropertyOptional({ description: 'Records after this sequence number (keyset paging)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  after?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** The outcome of verifying the chain. */
export class AuditVerificationView {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiPropertyOptional() head?: { sequence: string; hash: string } | null;
  @ApiPropertyOptional() firstBroken?: { sequence: string; reason: string };
}

/** The tamper-evident audit trail (审计日志), for administrators. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Audit records in chain order, filtered by subject' })
  async list(@Query() query: AuditQueryDto): Promise<AuditRecordEntity[]> {
    const builder = this.dataSource
      .getRepository(AuditRecordEntity)
      .createQueryBuilder('record')
      .orderBy('record.sequence', 'ASC')
      .limit(query.limit ?? 100);
    if (query.subjectType) builder.andWhere('record.subjectType = :type', { type: query.subjectType });
    if (query.subjectId) builder.andWhere('record.subjectId = :id', { id: query.subjectId });
    if (query.after) builder.andWhere('record.sequence > :after', { after: query.after });
    return builder.getMany();
  }

  @Get('verify')
  @ApiOperation({ summary: 'Walk the hash chain and report the first broken link, if any' })
  verify(): Promise<AuditVerification> {
    return verifyAuditChain(this.dataSource);
  }
}
