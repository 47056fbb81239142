import { applyDecorators } from '@nestjs/common';
import { IsOptional, Matches } from 'class-validator';

/** An optional client-chosen idempotency key: 1–100 letters, digits or `-_.:`. */
export const IsIdempotencyKey = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'must be 1-100 letters, digits or -_.:' }),
  );
