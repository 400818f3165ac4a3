import { ApiProperty } from '@nestjs/swagger';

/** Text in Chinese and English. */
export class LocalizedTextView {
  @ApiProperty({ example: '街道初评' }) zh: string;
  @ApiProperty({ example: 'Street preliminary review' }) en: string;
}
