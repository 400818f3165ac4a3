import { InitialSchema1795782794450 } from './1795782794450-InitialSchema';
import { IdentityAndAudit1795787356653 } from './1795787356653-IdentityAndAudit';

// Migrations in the order they were generated. Never edit one that has been merged; add a new one.
export const MIGRATIONS = [InitialSchema1795782794450, IdentityAndAudit1795787356653];
