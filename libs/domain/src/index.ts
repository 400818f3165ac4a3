// Pure business rules. Each area re-exports from its own folder.
export * from './money';
