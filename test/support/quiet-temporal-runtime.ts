import { installTemporalRuntimeLogging } from '../../libs/temporal/src/runtime-logging';

// Worker state changes and replay progress are logged at INFO by the SDK; tests show warnings and errors.
installTemporalRuntimeLogging('warn', ({ level, message, meta }) => {
  process.stderr.write(`[temporal ${level}] ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`);
});
