// Process templates: typed, versioned, validated data describing a process, and the stage machine over it.
export * from './company-funded';
export * from './evaluation-grades';
export * from './form';
export * from './form-values';
export * from './government-procurement';
export * from './grant-competition';
export * from './process-template';
export * from './program-quotas';
export * from './public-claiming';
export * from './roles';
export * from './rubric-references';
export * from './stage-deadline';
export * from './stage-machine';
export * from './stages';
export * from './test-sized-template';
export * from './validate-template';
export * from './registry';
