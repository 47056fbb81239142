import { registerDecorator, ValidationOptions } from 'class-validator';

/** Whether `value` is a real calendar date written YYYY-MM-DD, between the years 2000 and 2199. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(20|21)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options: { message: 'must be a date written YYYY-MM-DD', ...options },
      validator: { validate: isCalendarDate },
    });
}
