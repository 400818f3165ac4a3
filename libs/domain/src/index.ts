// Pure business rules, importable from workflows, activities and the API alike.
export * from './cases';
export * from './categories';
export * from './money';
