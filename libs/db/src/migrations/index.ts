import { InitialSchema1795782794450 } from './1795782794450-InitialSchema';

// Migrations in the order they were generated. Never edit one that has been merged; add a new one.
export const MIGRATIONS = [InitialSchema1795782794450];
