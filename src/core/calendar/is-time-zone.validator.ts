import { registerDecorator, ValidationOptions } from 'class-validator';
import { isTimeZone } from './calendar-day';

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options: { message: 'must be an IANA time zone such as Europe/Berlin', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value) &&
          isTimeZone(value),
      },
    });
}
