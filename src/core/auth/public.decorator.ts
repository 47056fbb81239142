import { SetMetadata } from '@nestjs/common';

export const ACCESS_POLICY = Symbol('ACCESS_POLICY');

/** Declares an operation open to everyone, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { public: true });
