import { ValidationPipe } from '@nestjs/common';
import { BadUserInputError, fieldProblemsFrom } from './app-error';

/** class-validator on every input; failures become BAD_USER_INPUT listing each failing field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => BadUserInputError.forFields(fieldProblemsFrom(errors)),
  });
}
