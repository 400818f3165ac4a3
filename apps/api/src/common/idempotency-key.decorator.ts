import { createParamDecorator, HttpStatus, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from './problem';

const KEY_FORMAT = /^[\w.:-]{8,128}$/;

/** The optional `Idempotency-Key` header of a state-changing request, validated. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_FORMAT.test(value)) {
    throw new ProblemException({
      status: HttpStatus.BAD_REQUEST,
      slug: 'invalid-idempotency-key',
      title: { zh: 'Idempotency-Key 格式错误', en: 'Invalid Idempotency-Key' },
      errors: [
        {
          field: 'Idempotency-Key',
          code: 'matches',
          message: {
            zh: '须为 8–128 个字母、数字或 . _ : - 字符',
            en: 'must be 8–128 letters, digits or . _ : - characters',
          },
        },
      ],
    });
  }
  return value;
});
