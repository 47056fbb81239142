import { ValueTransformer } from 'typeorm';

/** `bigint` columns arrive from pg as strings; the domain works with BigInt. */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
