// The error types every context throws. Each carries a stable code, mapped in one place
// (graphql-error.formatter.ts) to `extensions.code`, and a message in German and English.
import type { ValidationError } from 'class-validator';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface LocalizedText {
  en: string;
  de: string;
}

export interface FieldProblem {
  /** Dotted path of the failing field relative to the input, e.g. `budgetLines.2.amount`. */
  field: string;
  message: string;
  /** The message in German, where one exists; the English one stands in otherwise. */
  messageDe?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: LocalizedText,
    /** Extra machine-readable details for `extensions` (never secrets, SQL or stack traces). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(text.en);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends AppError {
  constructor(
    text: LocalizedText,
    readonly fields: FieldProblem[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(ErrorCode.BAD_USER_INPUT, text, { ...details, fields });
  }

  static forFields(fields: FieldProblem[]): BadUserInputError {
    const list = (german: boolean) =>
      fields
        .map((f) => `${f.field}: ${german ? (f.messageDe ?? f.message) : f.message}`)
        .join('; ');
    return new BadUserInputError(
      { en: `Invalid input — ${list(false)}`, de: `Ungültige Eingabe — ${list(true)}` },
      fields,
    );
  }

  static forField(field: string, en: string, de: string): BadUserInputError {
    return new BadUserInputError({ en: `${field}: ${en}`, de: `${field}: ${de}` }, [
      { field, message: en, messageDe: de },
    ]);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(
    text: LocalizedText = {
      en: 'You need to sign in to do this.',
      de: 'Dafür musst du angemeldet sein.',
    },
    details: Record<string, unknown> = {},
  ) {
    super(ErrorCode.UNAUTHENTICATED, text, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(
    text: LocalizedText = {
      en: 'Your role does not allow this.',
      de: 'Deine Rolle erlaubt das nicht.',
    },
    details: Record<string, unknown> = {},
  ) {
    super(ErrorCode.FORBIDDEN, text, details);
  }
}

export class NotFoundError extends AppError {
  /** Another tenant's object answers exactly like a missing one. */
  constructor(entity: string, id?: string) {
    super(
      ErrorCode.NOT_FOUND,
      {
        en: `${entity}${id ? ` ${id}` : ''} was not found.`,
        de: `${entity}${id ? ` ${id}` : ''} wurde nicht gefunden.`,
      },
      { entity, ...(id ? { id } : {}) },
    );
  }
}

export class ConflictError extends AppError {
  constructor(text: LocalizedText, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, text, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, text?: LocalizedText) {
    super(
      ErrorCode.TOO_MANY_REQUESTS,
      text ?? {
        en: `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
        de: `Zu viele Versuche. Versuch es in ${retryAfterSeconds} Sekunden wieder.`,
      },
      { retryAfterSeconds },
    );
  }
}

/** Flattens class-validator's error tree into field paths and messages. */
export function fieldProblemsFrom(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const [key, message] of Object.entries(error.constraints ?? {})) {
      const en = message.startsWith(error.property)
        ? message.slice(error.property.length).trim() || message
        : message;
      out.push({ field: path, message: en, messageDe: germanConstraint(key, en) });
    }
    if (error.children?.length) out.push(...fieldProblemsFrom(error.children, path));
  }
  return out;
}

/** German wording of class-validator's constraints (numbers taken from the English message). */
function germanConstraint(key: string, en: string): string {
  const n = /\d+/.exec(en)?.[0] ?? '';
  const de: Record<string, string> = {
    isEmail: 'muss eine E-Mail-Adresse sein',
    minLength: `muss mindestens ${n} Zeichen lang sein`,
    maxLength: `darf höchstens ${n} Zeichen lang sein`,
    isInt: 'muss eine ganze Zahl sein',
    min: `muss mindestens ${n} sein`,
    max: `darf höchstens ${n} sein`,
    isEnum: 'muss einer der erlaubten Werte sein',
    isUuid: 'muss eine UUID sein',
    isString: 'muss Text sein',
    isBoolean: 'muss wahr oder falsch sein',
    isDate: 'muss ein Zeitpunkt sein',
    arrayMinSize: `braucht mindestens ${n} Einträge`,
    arrayMaxSize: `darf höchstens ${n} Einträge haben`,
    arrayUnique: 'darf keinen Eintrag doppelt enthalten',
    matches: 'hat nicht das erwartete Format',
    isISO31661Alpha2: 'muss ein Ländercode nach ISO 3166-1 sein, z. B. DE',
    isCurrency: 'muss ein Währungscode nach ISO 4217 sein, z. B. EUR',
    isCalendarDate: 'muss ein Datum im Format JJJJ-MM-TT sein',
    minDate: 'muss in der Zukunft liegen',
    whitelistValidation: 'ist hier nicht vorgesehen',
    nestedValidation: 'muss ein Objekt sein',
    isDefined: 'darf weggelassen werden, aber nicht null sein',
  };
  return de[key] ?? en;
}

/**
 * For `.catch()` after a tenant-scoped lookup: a NOT_FOUND becomes NOT_FOUND of the object the
 * caller named; every other error (deadlocks, lost connections) passes unchanged.
 */
export const notFoundAs =
  (entity: string, id: string) =>
  (error: unknown): never => {
    if (error instanceof NotFoundError) throw new NotFoundError(entity, id);
    throw error;
  };
