import { ConfigurationError, validateEnvironment } from './environment';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/grantflow',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
};

function errorOf(raw: Record<string, unknown>): ConfigurationError {
  try {
    validateEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('validateEnvironment', () => {
  it('applies defaults and converts numbers and booleans', () => {
    const environment = validateEnvironment({
      ...valid,
      PORT: '4000',
      TEMPORAL_TLS: 'false',
      LOG_PRETTY: '1',
    });
    expect(environment.PORT).toBe(4000);
    expect(environment.TEMPORAL_TLS).toBe(false);
    expect(environment.LOG_PRETTY).toBe(true);
    expect(environment.TEMPORAL_NAMESPACE).toBe('default');
    expect(environment.TEMPORAL_TASK_QUEUE).toBe('grantflow-cases');
  });

  it('names a missing required variable in one line', () => {
    const error = errorOf({ TEMPORAL_ADDRESS: '127.0.0.1:7233' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toBe('Invalid configuration: DATABASE_URL is required but not set');
    expect(error.message).not.toContain('\n');
  });

  it('treats an empty value as missing', () => {
    expect(errorOf({ ...valid, TEMPORAL_ADDRESS: '' }).message).toBe(
      'Invalid configuration: TEMPORAL_ADDRESS is required but not set',
    );
  });

  it('names a malformed value and shows what it got', () => {
    const error = errorOf({ ...valid, PORT: 'eighty' });
    expect(error.variable).toBe('PORT');
    expect(error.message).toContain('(got "eighty")');
  });

  it('refuses a port out of range', () => {
    expect(errorOf({ ...valid, PORT: '70000' }).variable).toBe('PORT');
  });

  it('refuses a Temporal address without a port', () => {
    const error = errorOf({ ...valid, TEMPORAL_ADDRESS: 'temporal.example' });
    expect(error.message).toBe(
      'Invalid configuration: TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233 (got "temporal.example")',
    );
  });

  it('refuses a boolean it cannot read', () => {
    expect(errorOf({ ...valid, DATABASE_SSL: 'maybe' }).variable).toBe('DATABASE_SSL');
  });

  it('requires the key when a client certificate is given', () => {
    expect(errorOf({ ...valid, TEMPORAL_TLS_CERT_PATH: '/etc/tls/client.pem' }).variable).toBe(
      'TEMPORAL_TLS_KEY_PATH',
    );
  });
});
