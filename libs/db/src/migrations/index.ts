import { InitialSchema1795782794450 } from './1795782794450-InitialSchema';
import { IdentityAndAudit1795787356653 } from './1795787356653-IdentityAndAudit';
import { ConflictsDeclaredInReview1795787471408 } from './1795787471408-ConflictsDeclaredInReview';
import { DocumentStore1795798821956 } from './1795798821956-DocumentStore';

// Migrations in the order they were generated. Never edit one that has been merged; add a new one.
export const MIGRATIONS = [
  InitialSchema1795782794450,
  IdentityAndAudit1795787356653,
  ConflictsDeclaredInReview1795787471408,
  DocumentStore1795798821956,
];
