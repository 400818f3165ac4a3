import { InitialSchema1795779921732 } from './1795779921732-InitialSchema';

// Migrations in the order they were generated. Never edit one that has been merged; add a new one.
export const MIGRATIONS = [InitialSchema1795779921732];
