import { PermanentDeliveryError } from './outbox-dispatcher';
import {
  createSmtpTransport,
  deliveryError,
  isPermanentSmtpFailure,
  SMTP_TIMEOUTS,
  smtpOptionsFromUrl,
  smtpServerLabel,
} from './smtp-transport';

const FROM = 'Grantflow <no-reply@grantflow.example.org>';

/** An error shaped like the ones nodemailer rejects with. */
function smtpError(message: string, details: { code?: string; command?: string; response?: string }) {
  const responseCode = details.response ? Number(details.response.slice(0, 3)) : undefined;
  return Object.assign(new Error(details.response ? `${message}: ${details.response}` : message), {
    ...details,
    ...(responseCode ? { responseCode } : {}),
  });
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('SMTP URL', () => {
  it('reads host, port, TLS and percent-encoded credentials, and always sets the timeouts', () => {
    expect(
      smtpOptionsFromUrl('smtps://mailer%40district:p%40ss%3Aw%2Frd@smtp.example.org:465'),
    ).toMatchObject({
      host: 'smtp.example.org',
      port: 465,
      secure: true,
      auth: { user: 'mailer@district', pass: 'p@ss:w/rd' },
      ...SMTP_TIMEOUTS,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    const plain = smtpOptionsFromUrl('smtp://[::1]');
    expect(plain).toMatchObject({ host: '::1', secure: false });
    expect(plain.port).toBeUndefined();
    expect(plain.auth).toBeUndefined();
  });

  it('takes the supported settings from query parameters, overriding the default timeouts', () => {
    expect(
      smtpOptionsFromUrl(
        'smtp://relay.example.org:587?requireTLS=true&greetingTimeout=500&tls.rejectUnauthorized=false&name=worker-1',
      ),
    ).toMatchObject({
      requireTLS: true,
      greetingTimeout: 500,
      connectionTimeout: SMTP_TIMEOUTS.connectionTimeout,
      tls: { rejectUnauthorized: false },
      name: 'worker-1',
    });
  });

  it.each([
    ['another scheme', 'http://mailer:s3cret-pw@smtp.example.org', /smtp:\/\/ or smtps:\/\//],
    ['an unparseable URL', 'smtp://mailer:s3cret-pw@smtp.example.org:port', /not a valid URL/],
    [
      'a setting nodemailer would read as another transport',
      'smtp://mailer:s3cret-pw@h?sendmail=true',
      /"sendmail"/,
    ],
    ['a timeout that is not a number', 'smtp://mailer:s3cret-pw@h?socketTimeout=soon', /socketTimeout/],
    ['a flag that is not a boolean', 'smtp://mailer:s3cret-pw@h?requireTLS=yes', /requireTLS/],
    ['a broken percent-encoding', 'smtp://mailer:s3cret-pw%zz@h', /percent-encoded/],
  ])('refuses %s without echoing the password', (_case, url, reason) => {
    const error = thrown(() => createSmtpTransport(url, FROM));
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain('s3cret');
    expect(JSON.stringify(error)).not.toContain('s3cret');
  });

  it('labels the server for logs without the credentials', () => {
    expect(smtpServerLabel('smtps://mailer:s3cret@smtp.example.org')).toBe('smtps://smtp.example.org:465');
    expect(smtpServerLabel('smtp://mailer:s3cret@[::1]:2525')).toBe('smtp://[::1]:2525');
  });
});

describe('SMTP failures', () => {
  it.each([
    ['550 unknown mailbox', 'RCPT TO', '550 5.1.1 No such user'],
    ['553 malformed mailbox', 'RCPT TO', '553 5.1.3 Bad recipient address syntax'],
    ['554 content refused', 'DATA', '554 5.7.1 Message rejected as spam'],
  ])('treats a %s reply to the message as permanent', (_case, command, response) => {
    const error = smtpError('Message failed', { code: 'EENVELOPE', command, response });
    expect(isPermanentSmtpFailure(error)).toBe(true);
    expect(deliveryError(error)).toBeInstanceOf(PermanentDeliveryError);
  });

  it.each([
    ['a temporary 451 for a recipient', 'EENVELOPE', 'RCPT TO', '451 4.3.0 Try again later'],
    ['a temporary 452 after the data', 'EMESSAGE', 'DATA', '452 4.3.1 Insufficient storage'],
    ['a wrong password', 'EAUTH', 'AUTH PLAIN', '535 5.7.8 Authentication failed'],
    ['a sender this account may not use', 'EENVELOPE', 'MAIL FROM', '550 5.7.1 Sender not allowed'],
    ['a server asking for authentication first', 'EENVELOPE', 'RCPT TO', '530 5.7.0 Authentication required'],
    ['a server refusing the connection', 'EPROTOCOL', 'CONN', '554 5.7.1 Service unavailable'],
    ['a connection that timed out', 'ETIMEDOUT', 'CONN', undefined],
    ['a malformed sender', 'EENVELOPE', 'API', undefined],
  ])('keeps %s retryable', (_case, code, command, response) => {
    const message = code === 'EENVELOPE' && command === 'API' ? 'Invalid sender "a\\nb"' : 'failed';
    const error = smtpError(message, { code, command, response });
    expect(isPermanentSmtpFailure(error)).toBe(false);
    const mapped = deliveryError(error);
    expect(mapped).not.toBeInstanceOf(PermanentDeliveryError);
    expect(mapped).toBeInstanceOf(Error);
  });

  it('treats a recipient nodemailer cannot put into an envelope as permanent', () => {
    expect(
      isPermanentSmtpFailure(smtpError('No recipients defined', { code: 'EENVELOPE', command: 'API' })),
    ).toBe(true);
  });

  it('keeps the reply, code and command in the message and removes the secrets', () => {
    const error = smtpError('Invalid login', {
      code: 'EAUTH',
      command: 'AUTH PLAIN',
      response: '535 5.7.8 credentials mailer:s3cret rejected',
    });
    const mapped = deliveryError(error, ['s3cret']);
    expect(mapped.message).toBe(
      'Invalid login: 535 5.7.8 credentials mailer:*** rejected [EAUTH AUTH PLAIN]',
    );
    expect(deliveryError('socket hang up').message).toBe('socket hang up');
  });
});
