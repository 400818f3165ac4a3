import { InitialSchema1795778048644 } from './1795778048644-InitialSchema';

// Migrations in the order they were generated. Never edit one that has been merged; add a new one.
export const MIGRATIONS = [InitialSchema1795778048644];
