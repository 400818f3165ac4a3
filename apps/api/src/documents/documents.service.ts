import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import { attachedFiles, type FormDefinition } from '@grantflow/domain';
import { DocumentEntity, ProgramEntity } from '@grantflow/db';
import { actionRefused, invalidFields, notFound } from '../common/problem';
import { withoutIdentity } from '../auth/blind-review';
import { ApplicationsService } from '../applications/applications.service';
import {
  contentTypeFor,
  decodeUploadedName,
  DOCUMENT_EXTENSIONS,
  DOCUMENT_MAX_BYTES,
} from './document-files';

/** A file as the multipart parser hands it over. */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** The document store: organizations upload files for their forms; people who may read a form download them. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    private readonly applications: ApplicationsService,
  ) {}

  async upload(
    organizationId: string,
    file: UploadedFile | undefined,
    actor: Actor,
  ): Promise<DocumentEntity> {
    if (actor.organizationId !== organizationId) {
      throw actionRefused(
        HttpStatus.FORBIDDEN,
        'not_your_organization',
        '只能为您所属的组织上传附件',
        'Upload files only for an organization you are a member of',
      );
    }
    if (!file) {
      throw invalidFields([
        {
          field: 'file',
          code: 'required',
          message: { zh: '请选择要上传的文件', en: 'Choose a file to upload' },
        },
      ]);
    }
    const fileName = decodeUploadedName(file.originalname).trim();
    const contentType = contentTypeFor(fileName);
    const problem = !contentType
      ? {
          code: 'file_type_not_accepted',
          message: {
            zh: `不接受「${fileName}」这类文件，可上传 ${DOCUMENT_EXTENSIONS.join('、')}`,
            en: `"${fileName}" is not a file the store takes; allowed: ${DOCUMENT_EXTENSIONS.join(', ')}`,
          },
        }
      : file.size === 0
        ? { code: 'empty_file', message: { zh: '文件是空的', en: 'The file is empty' } }
        : file.size > DOCUMENT_MAX_BYTES
          ? {
              code: 'file_too_large',
              message: {
                zh: `文件不能超过 ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`,
                en: `A file may not exceed ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`,
              },
            }
          : fileName.length > 255
            ? { code: 'too_long', message: { zh: '文件名过长', en: 'The file name is too long' } }
            : undefined;
    if (problem) throw invalidFields([{ field: 'file', ...problem }]);
    const stored = await this.documents.save(
      this.documents.create({
        organizationId,
        fileName,
        contentType: contentType!,
        sizeBytes: file.size,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        uploadedBy: actor.userId,
      }),
    );
    delete stored.content;
    return stored;
  }

  /**
   * A file of an application's form, for whoever may read that form as they see it: the applying organization,
   * and staff and reviewers as the case's access rules allow (a blind reviewer gets no file of an identifying
   * field; nobody gets a sealed bid's files before the opening).
   */
  async download(applicationId: string, documentId: string, actor: Actor): Promise<DocumentEntity> {
    const { application, visibility } = await this.applications.getVisible(applicationId, actor);
    const program = await this.programs.findOne({
      where: { id: application.programId },
      select: { id: true, templateSnapshot: true },
    });
    const form = visibility === 'blind' ? withoutIdentity(application.form) : application.form;
    const definition: FormDefinition | undefined = program?.templateSnapshot?.form;
    const attached = definition && attachedFiles(definition, form).some(({ file }) => file.id === documentId);
    const document = attached
      ? await this.documents.findOne({
          where: { id: documentId, organizationId: application.organizationId },
          select: {
            id: true,
            fileName: true,
            contentType: true,
            sizeBytes: true,
            sha256: true,
            content: true,
            uploadedAt: true,
          },
        })
      : null;
    if (!document) {
      throw notFound({
        zh: `该申请没有附件 ${documentId}`,
        en: `The application has no attached file ${documentId}`,
      });
    }
    return document;
  }
}
