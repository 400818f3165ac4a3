/** The signing secret of every API the suites boot; the suites sign their actors' tokens with it. */
export const TEST_TOKEN_SECRET = 'grantflow-integration-tests-only-0123456789abcdef';
