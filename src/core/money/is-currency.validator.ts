import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCurrencyCode } from './money';

export function IsCurrency(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCurrency',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options: { message: 'must be an ISO-4217 currency code such as EUR', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value),
      },
    });
}
