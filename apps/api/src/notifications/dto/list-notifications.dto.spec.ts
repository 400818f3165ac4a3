import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { LOCALIZED_CONSTRAINTS, validationProblem } from '../../common/validation';
import { ListNotificationsDto } from './list-notifications.dto';
import { NotificationRecipientDto } from './notification-recipient.dto';

// Query strings arrive as text, as the global ValidationPipe (transform: true) hands them to the DTO.
function parse(query: Record<string, string>) {
  const dto = plainToInstance(ListNotificationsDto, query);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  const fields = errors.length
    ? validationProblem(errors).problem.errors!.map((error) => `${error.field}:${error.code}`)
    : [];
  return { dto, fields };
}

const recipient = { recipientKind: 'organization', recipientId: '0b7f3c1e-5d2a-4c8e-9f10-123456789abc' };

describe('notification query DTOs', () => {
  it('have a Chinese and an English message for every constraint they use', () => {
    const used = [ListNotificationsDto, NotificationRecipientDto].flatMap((dto) =>
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .filter((metadata) => metadata.type !== 'conditionalValidation')
        .map((metadata) => metadata.name)
        .filter((name): name is string => Boolean(name)),
    );
    expect(used.filter((name) => !LOCALIZED_CONSTRAINTS.includes(name))).toEqual([]);
  });

  it('turns the query text into numbers and booleans', () => {
    const { dto, fields } = parse({ ...recipient, unreadOnly: 'true', page: '3', pageSize: '50' });
    expect(fields).toEqual([]);
    expect(dto).toMatchObject({ unreadOnly: true, page: 3, pageSize: 50 });
    expect(parse({ ...recipient, unreadOnly: 'false' }).dto.unreadOnly).toBe(false);
  });

  it('accepts a role with a street scope as recipient', () => {
    expect(parse({ recipientKind: 'role', recipientId: 'coordinator:street:紫阳街道' }).fields).toEqual([]);
  });

  it('refuses a bad recipient, a non-boolean flag and pages out of range, field by field', () => {
    expect(
      parse({ recipientKind: 'everyone', recipientId: '', unreadOnly: 'yes', page: '0', pageSize: '101' })
        .fields,
    ).toEqual(
      expect.arrayContaining([
        'recipientKind:isIn',
        'recipientId:isNotEmpty',
        'unreadOnly:isBoolean',
        'page:min',
        'pageSize:max',
      ]),
    );
    expect(parse({ ...recipient, page: 'two' }).fields).toContain('page:isInt');
    expect(parse({ ...recipient, recipientId: 'x'.repeat(201) }).fields).toContain('recipientId:maxLength');
  });

  it('requires the recipient', () => {
    expect(parse({}).fields).toEqual(expect.arrayContaining(['recipientKind:isIn', 'recipientId:isString']));
  });
});
