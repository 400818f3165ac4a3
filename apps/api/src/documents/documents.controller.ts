import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile as UploadedFileParam,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { uuidParam } from '../common/problem';
import { attachmentDisposition, DOCUMENT_MAX_BYTES } from './document-files';
import { DocumentView } from './document.view';
import { DocumentsService, type UploadedFile } from './documents.service';

/** Files an organization uploads for its forms; a form then holds the returned id and name. */
@ApiTags('documents')
@Controller('organizations/:id/documents')
export class OrganizationDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  // One byte past the limit lets the service, not the parser, refuse an oversized file with a field error.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: DOCUMENT_MAX_BYTES + 1, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary: 'Upload a file for the organization’s forms (pdf, office, images, zip; at most 20 MB)',
  })
  @ApiCreatedResponse({ type: DocumentView })
  async upload(
    @Param('id', uuidParam) organizationId: string,
    @UploadedFileParam() file: UploadedFile | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<DocumentView> {
    return DocumentView.of(await this.documents.upload(organizationId, file, actor));
  }
}

/** The files attached to an application's form, for those who may read the form. */
@ApiTags('documents')
@Controller('applications/:id/documents')
export class ApplicationDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':documentId')
  @ApiOperation({ summary: 'Download a file attached to the application’s form' })
  @ApiOkResponse({ description: 'The file, as an attachment', schema: { type: 'string', format: 'binary' } })
  async download(
    @Param('id', uuidParam) applicationId: string,
    @Param('documentId', uuidParam) documentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const document = await this.documents.download(applicationId, documentId, actor);
    response.set({
      'Content-Type': document.contentType,
      'Content-Disposition': attachmentDisposition(document.fileName),
      'Content-Length': String(document.sizeBytes),
      // Clients can check what they received against what was submitted.
      Digest: `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`,
      'Cache-Control': 'private, no-store',
    });
    return new StreamableFile(document.content!);
  }
}
