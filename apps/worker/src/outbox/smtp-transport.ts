import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { PermanentDeliveryError, type MailMessage, type MailTransport } from './outbox-dispatcher';

/**
 * Timeouts of one SMTP send. Nodemailer's own defaults (2 min to connect, 10 min of socket silence) would
 * let a dead mail server hold the dispatcher's `stop()`, and so the worker's shutdown, for minutes, and the
 * 10 min socket timeout equals the dispatcher's lease, after which another worker sends the message again.
 */
export const SMTP_TIMEOUTS = {
  // A reachable mail server answers a TCP connect in milliseconds; 10 s still covers a slow network.
  connectionTimeout: 10_000,
  // RFC 5321 allows a server 5 min for its greeting, but one that is that slow is as good as down for us:
  // the message is retried later with backoff instead.
  greetingTimeout: 10_000,
  // Silence on an open connection, per command; 30 s covers a server that scans the message after DATA.
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
} as const;

// Settings an operator may add to SMTP_URL as query parameters (`smtp://host:587?requireTLS=true`), in
// nodemailer's own URL syntax. Anything else is refused: nodemailer would read `sendmail=true` or
// `jsonTransport=true` from the URL as a different transport, and a silently ignored `requireTLS` would send
// mail in clear text.
const URL_SETTINGS = {
  connectionTimeout: 'milliseconds',
  greetingTimeout: 'milliseconds',
  socketTimeout: 'milliseconds',
  dnsTimeout: 'milliseconds',
  requireTLS: 'boolean',
  ignoreTLS: 'boolean',
  'tls.rejectUnauthorized': 'boolean',
  'tls.servername': 'text',
  name: 'text',
  authMethod: 'text',
} as const;

type UrlSetting = keyof typeof URL_SETTINGS;

// The URL carries the SMTP password: no message below may contain it or any part of it but the setting name.
function refuse(problem: string): Error {
  return new Error(`SMTP_URL ${problem} (the value is not shown: it may contain a password)`);
}

function settingValue(key: UrlSetting, raw: string): number | boolean | string {
  switch (URL_SETTINGS[key]) {
    case 'milliseconds':
      if (!/^\d+$/.test(raw) || Number(raw) < 1)
        throw refuse(`parameter "${key}" must be a positive integer`);
      return Number(raw);
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw refuse(`parameter "${key}" must be true or false`);
      return raw === 'true';
    case 'text':
      return raw;
  }
}

/** The nodemailer SMTP options for an `smtp://` (STARTTLS when offered) or `smtps://` (TLS) URL. */
export function smtpOptionsFromUrl(url: string): SMTPTransport.Options {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Node's TypeError carries the input in its `input` property; it must not travel anywhere.
    throw refuse('is not a valid URL');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw refuse('must start with smtp:// or smtps://');
  if (!parsed.hostname) throw refuse('names no host');

  const options: SMTPTransport.Options = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    secure: parsed.protocol === 'smtps:',
    ...SMTP_TIMEOUTS,
    // Notifications are plain text: nothing sent may read a local file or fetch a URL into a message.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
  // Without a port nodemailer uses 587 for smtp:// and 465 for smtps://.
  if (parsed.port) options.port = Number(parsed.port);
  if (parsed.username) {
    try {
      options.auth = {
        user: decodeURIComponent(parsed.username),
        pass: decodeURIComponent(parsed.password),
      };
    } catch {
      throw refuse('has a user name or password that is not correctly percent-encoded');
    }
  }
  for (const [key, raw] of parsed.searchParams) {
    if (!Object.hasOwn(URL_SETTINGS, key))
      throw refuse(
        `has an unsupported parameter "${key}" (supported: ${Object.keys(URL_SETTINGS).join(', ')})`,
      );
    const value = settingValue(key as UrlSetting, raw);
    if (key.startsWith('tls.')) options.tls = { ...options.tls, [key.slice('tls.'.length)]: value };
    else Object.assign(options, { [key]: value });
  }
  return options;
}

/** Where the transport sends, for logs: scheme, host and port, never the credentials. */
export function smtpServerLabel(url: string): string {
  const options = smtpOptionsFromUrl(url);
  const port = options.port ?? (options.secure ? 465 : 587);
  const host = options.host?.includes(':') ? `[${options.host}]` : options.host;
  return `${options.secure ? 'smtps' : 'smtp'}://${host}:${port}`;
}

/** What nodemailer attaches to its errors. */
interface SmtpErrorDetails {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
}

// Replies to these commands are about this message (its recipient or its content). A 5xx reply to the
// greeting, EHLO, STARTTLS, AUTH or MAIL FROM is about our account or SMTP_FROM instead: it would refuse
// every message alike, so failing them for good would empty the whole outbox over one configuration
// mistake. Those stay retryable until the operator fixes the setting or the retries run out.
const MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);
// 530 asks for authentication or STARTTLS first: a session problem even when it answers RCPT TO.
const SESSION_REPLIES = new Set([530]);

/**
 * True when retrying the message cannot help: an SMTP 5xx (permanent, RFC 5321 §4.2.1) reply to its
 * recipient or its content, or a recipient address nodemailer refused before asking the server.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, command, responseCode } = error as SmtpErrorDetails;
  if (typeof responseCode === 'number')
    return (
      responseCode >= 500 &&
      responseCode < 600 &&
      !SESSION_REPLIES.has(responseCode) &&
      typeof command === 'string' &&
      MESSAGE_COMMANDS.has(command)
    );
  // Refused before any reply: no recipient, or one with characters SMTP cannot carry. A malformed sender is
  // a configuration mistake (SMTP_FROM) and stays retryable.
  return (
    code === 'EENVELOPE' && command === 'API' && error instanceof Error && /recipient/i.test(error.message)
  );
}

/**
 * The error the dispatcher records for a failed send: a `PermanentDeliveryError` when retrying cannot help,
 * a plain (retried) `Error` otherwise, with nodemailer's code and command kept and the secrets removed.
 */
export function deliveryError(error: unknown, secrets: readonly string[] = []): Error {
  const details = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorDetails;
  let text = error instanceof Error ? error.message : String(error);
  const where = [details.code, details.command].filter((part) => typeof part === 'string').join(' ');
  if (where) text = `${text} [${where}]`;
  for (const secret of secrets) if (secret) text = text.split(secret).join('***');
  return isPermanentSmtpFailure(error) ? new PermanentDeliveryError(text) : new Error(text);
}

/**
 * Sends e-mail through the SMTP server of an `smtp://` or `smtps://` URL (credentials percent-encoded in it),
 * one connection per message, from `from` (`Name <address>`). Throws at once, without echoing the URL, when
 * the URL is unusable, so a wrong setting stops the worker at start rather than at the first e-mail.
 */
export function createSmtpTransport(url: string, from: string): MailTransport {
  const options = smtpOptionsFromUrl(url);
  // Parsed and decoded without error above; kept to scrub them from any error a send reports.
  const { password } = new URL(url);
  const secrets = [url, password, decodeURIComponent(password)].filter((secret) => secret.length > 0);
  const transporter = createTransport(options);
  return {
    async send(message: MailMessage): Promise<void> {
      try {
        await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          // RFC 3834: automatic mail, so out-of-office responders do not answer it.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        throw deliveryError(error, secrets);
      }
    },
  };
}
