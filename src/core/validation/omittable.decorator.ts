// For optional input fields that cannot be cleared: left out means "unchanged" (or the default),
// but an explicit null is a client mistake — the column cannot hold it — answered BAD_USER_INPUT
// naming the field. class-validator's IsOptional would let null through to the service.
import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';

export function IsOmittable(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value: unknown) => value !== undefined),
    IsDefined({ message: '$property may be left out, but not be null' }),
  );
}
