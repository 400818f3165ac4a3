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

  it('refuses an SMTP URL of another scheme without repeating it, since it carries the password', () => {
    const error = errorOf({ ...valid, SMTP_URL: 'smpt://mailer:s3cret@smtp.example.org:465' });
    expect(error.message).toBe(
      'Invalid configuration: SMTP_URL must be an smtp:// or smtps:// URL (the value is not shown: it may contain a password)',
    );
    expect(errorOf({ ...valid, DATABASE_URL: 'postgress://app:s3cret@db/grantflow' }).message).not.toContain(
      's3cret',
    );
  });

  it('leaves e-mail off by default and reads the SMTP settings when given', () => {
    const off = validateEnvironment(valid);
    expect(off.SMTP_URL).toBeUndefined();
    expect(off.SMTP_FROM).toBe('Grantflow <no-reply@localhost>');
    expect(off.OUTBOX_INTERVAL_MS).toBe(5000);
    const on = validateEnvironment({
      ...valid,
      SMTP_URL: 'smtps://mailer:s3cret@smtp.example.org:465',
      SMTP_FROM: '公益创投平台 <notify@district.example.gov.cn>',
      OUTBOX_INTERVAL_MS: '1000',
    });
    expect(on).toMatchObject({
      SMTP_URL: 'smtps://mailer:s3cret@smtp.example.org:465',
      SMTP_FROM: '公益创投平台 <notify@district.example.gov.cn>',
      OUTBOX_INTERVAL_MS: 1000,
    });
  });

  it('refuses a sender without an address or spanning two lines, and a poll interval below 100 ms', () => {
    expect(errorOf({ ...valid, SMTP_FROM: 'Grantflow' }).variable).toBe('SMTP_FROM');
    expect(errorOf({ ...valid, SMTP_FROM: 'a@example.org\r\nBcc: b@example.org' }).variable).toBe(
      'SMTP_FROM',
    );
    expect(errorOf({ ...valid, OUTBOX_INTERVAL_MS: '10' }).variable).toBe('OUTBOX_INTERVAL_MS');
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
