// Open data and notice-board lists: pure mappers from what a program or procurement has published to the
// 360Giving and OCDS standards (schemas pinned in ../schemas), and writers of the award and ranking lists.
export * from './formats';
export * from './notice-board';
export * from './ocds';
export * from './three-sixty-giving';
