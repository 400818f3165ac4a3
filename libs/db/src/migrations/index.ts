import { InitialSchema1795780646819 } from './1795780646819-InitialSchema';

// Migrations in the order they were generated. Never edit one that has been merged; add a new one.
export const MIGRATIONS = [InitialSchema1795780646819];
