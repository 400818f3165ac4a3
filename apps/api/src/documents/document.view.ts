import { ApiProperty } from '@nestjs/swagger';
import type { DocumentEntity } from '@grantflow/db';

/** A stored file as forms refer to it: what it is, never its content. */
export class DocumentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '备案证明.pdf' })
  fileName: string;

  @ApiProperty({ example: 'application/pdf' })
  contentType: string;

  @ApiProperty({ example: 184_320 })
  sizeBytes: number;

  @ApiProperty({ description: 'Hex SHA-256 of the content', example: 'e3b0c442…' })
  sha256: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;

  static of(entity: DocumentEntity): DocumentView {
    return Object.assign(new DocumentView(), {
      id: entity.id,
      fileName: entity.fileName,
      contentType: entity.contentType,
      sizeBytes: entity.sizeBytes,
      sha256: entity.sha256,
      uploadedAt: entity.uploadedAt.toISOString(),
    });
  }
}
