import { Transform } from 'class-transformer';

/** Trims surrounding white space before validation, so "   " counts as empty. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
