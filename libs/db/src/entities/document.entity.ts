import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganizationEntity } from './organization.entity';

/**
 * A file an organization uploaded for its forms (registration certificate, budget sheet, bid documents …). The
 * forms hold only its id and name; the content lives here, read only when someone downloads it, and never
 * changes: a corrected file is a new document.
 */
@Entity({ name: 'documents' })
@Index('ix_documents_organization', ['organizationId'])
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 128 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  /** Hex SHA-256 of the content: lets anyone check a downloaded copy against what was submitted. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Left out of every query unless asked for: listing documents must not read their content. */
  @Column({ type: 'bytea', select: false })
  content?: Buffer;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 128 })
  uploadedBy: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
