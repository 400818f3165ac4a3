import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApplicationDocumentsController, OrganizationDocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [ApplicationsModule],
  controllers: [OrganizationDocumentsController, ApplicationDocumentsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}
