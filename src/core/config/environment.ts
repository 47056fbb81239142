// The process's configuration: every variable is declared, defaulted and validated here, so a
// missing or malformed value stops the process at start-up with a message that names it.
import { plainToInstance, Transform } from 'class-transformer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const SIGNUP_FUNDERS_POLICIES = ['open', 'invite'] as const;
export type SignupFundersPolicy = (typeof SIGNUP_FUNDERS_POLICIES)[number];
export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];
export const VIRUS_SCANS = ['off', 'clamd'] as const;
export type VirusScan = (typeof VIRUS_SCANS)[number];
export const GRAPHQL_EXECUTORS = ['compiled', 'standard'] as const;
export type GraphQLExecutor = (typeof GRAPHQL_EXECUTORS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no', ''].includes(value.toLowerCase())) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

export class Environment {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * Which proxies in front of the API are trusted to name the client's address
   * (X-Forwarded-For), as Express's `trust proxy`: off (`false`, the default: the connection's own
   * address counts), a hop count (`1`), or addresses/ranges (`loopback`, `10.0.0.0/8, 127.0.0.1`).
   * Rate limits count per that address, so trust only proxies you run.
   */
  @Matches(/^(false|true|\d{1,2}|[0-9a-zA-Z.:/, ]{1,500})$/, {
    message: 'must be false, a hop count, or addresses/ranges separated by commas',
  })
  TRUST_PROXY = 'false';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/meilenstein';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// connection URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key this deployment writes (queues included). */
  @Matches(/^[a-zA-Z0-9_.:-]{1,64}$/, { message: 'must be 1-64 letters, digits or _.:-' })
  REDIS_PREFIX = 'meilenstein';

  @IsString()
  @MinLength(1)
  SMTP_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 1025;

  @Transform(toBoolean)
  @IsBoolean()
  SMTP_SECURE = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  @IsEmail({ allow_display_name: true, require_tld: false })
  MAIL_FROM = 'Meilenstein <no-reply@meilenstein.localhost>';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  GRAPHQL_MAX_DEPTH = 12;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COST = 20000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_TOKENS = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DIRECTIVES = 50;

  /** `compiled`: operations run as graphql-jit compiles them; `standard`: graphql-js executes. */
  @IsIn(GRAPHQL_EXECUTORS)
  GRAPHQL_EXECUTOR: GraphQLExecutor = 'compiled';

  /** Longest time the outbox relay sleeps when no commit notification arrives. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE = 100;

  /** How often the worker looks for reminders to send (reviews due, decisions waiting). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  REMINDER_SCAN_INTERVAL_MS = 15 * 60 * 1000;

  /**
   * How often the worker asserts its recurring job schedules again (they live in Redis only, and a
   * Redis that restarts empty loses them); they are also asserted whenever Redis is reachable again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  SCHEDULE_REASSERT_MS = 30_000;

  /**
   * Where files live (reports, attachments): `local` — a directory on this machine (one host, or a
   * volume every host mounts) — or `s3`, one bucket of S3-compatible object storage, which lets API
   * and worker run on several hosts without a shared volume.
   */
  @IsIn(STORAGE_DRIVERS)
  STORAGE_DRIVER: StorageDriver = 'local';

  /** The directory of the `local` storage driver. */
  @IsString()
  @MinLength(1)
  STORAGE_DIR = './var/files';

  /** The bucket of the `s3` storage driver (it must exist). */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
  S3_BUCKET = 'meilenstein';

  @IsString()
  S3_REGION = 'us-east-1';

  /** Endpoint of an S3-compatible store (e.g. MinIO's http://minio:9000); unset for AWS S3. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  S3_ENDPOINT?: string;

  /** Credentials of the `s3` driver; unset, the SDK's usual chain (environment, instance role). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style bucket URLs, which MinIO and most self-hosted stores need. */
  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** Prefix of every key in the bucket, so one bucket can hold several installations. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._/-]{0,100}$/i, { message: 'must be letters, digits and ._/-' })
  S3_PREFIX?: string;

  /** Largest attachment (receipt, document, logo) accepted, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  /** Largest funder logo embedded in emails, in bytes; a larger one is left out of emails. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5 * 1024 * 1024)
  MAIL_LOGO_MAX_BYTES = 200 * 1024;

  /** Virus scan of every upload: `off` (default) or `clamd` (a ClamAV daemon, see CLAMD_*). */
  @IsIn(VIRUS_SCANS)
  ATTACHMENT_VIRUS_SCAN: VirusScan = 'off';

  @IsString()
  CLAMD_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  CLAMD_PORT = 3310;

  /** Seconds a signed download link (issued to a person or key for one file) stays usable. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600)
  SIGNED_LINK_TTL_SECONDS = 300;

  /** Days a report can be downloaded before it expires and its file is deleted. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REPORT_RETENTION_DAYS = 7;

  /** Relayed outbox rows are kept this many days for tracing, then pruned. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_DAYS = 7;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  /**
   * Jobs run at once on the notifications queue (emails: waiting on SMTP, not on the CPU) and the
   * SMTP connections kept open for them. Reports (CPU-bound) and maintenance use WORKER_CONCURRENCY.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY_NOTIFICATIONS = 10;

  /** Jobs run at once on the webhooks queue (waiting on receivers, not on the CPU). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY_WEBHOOKS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  SHUTDOWN_GRACE_MS = 8000;

  /**
   * On SIGTERM the API answers readiness 503 for this long (so a load balancer stops sending
   * requests) and closes keep-alive connections after each answer, then closes its listener.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_DRAIN_MS = 5000;

  /** The worker writes its heartbeat file this often (its health check, see worker-heartbeat.ts). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  WORKER_HEARTBEAT_MS = 10_000;

  @IsString()
  @MinLength(1)
  WORKER_HEARTBEAT_FILE = join(tmpdir(), 'meilenstein-worker.heartbeat');

  /** Attempts of a worker job before it stays failed (visible in the queue dashboard). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  JOB_ATTEMPTS = 8;

  /**
   * How long a worker holds a job's lock; a worker that dies mid-job loses it after this, and the
   * job runs again elsewhere (stalled-job check at the same interval).
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  JOB_LOCK_MS = 30_000;

  /** First retry delay of a failed job; it doubles with each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  JOB_BACKOFF_MS = 2000;

  /**
   * Attempts of an email job (the notifications queue). With the delays below they span more
   * than a day (2 s doubling to 1 h: 40 attempts ≈ 30 h); then the job becomes a dead letter.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  MAIL_ATTEMPTS = 40;

  /** First retry delay of an email job; it doubles with each attempt up to MAIL_BACKOFF_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_BACKOFF_MS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_BACKOFF_MAX_MS = 3_600_000;

  /** A dead letter (a job that failed for good) is run again this long after its last failure. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DEAD_LETTER_RETRY_AFTER_MS = 6 * 3_600_000;

  /** How often the worker runs due dead letters again and settles stuck reports and deliveries. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS = 60_000;

  /**
   * A report still RUNNING (or QUEUED) this long after it was asked for, with no job left to
   * make it, is settled as FAILED; a webhook delivery PENDING this long with no job left to send
   * it is sent again (or FAILED once its attempts are used up).
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  STUCK_AFTER_MS = 30 * 60_000;

  /** Attempts of one webhook delivery (with the backoff below, 15 attempts span about a day). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_MAX_ATTEMPTS = 15;

  /** First retry delay of a webhook delivery; it doubles with each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOK_BACKOFF_MS = 5000;

  /** An endpoint is disabled after this many failed attempts in a row (its owners are told). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WEBHOOK_DISABLE_AFTER_FAILURES = 30;

  /** Seconds a webhook request may take. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  WEBHOOK_TIMEOUT_SECONDS = 10;

  /**
   * Seals webhook signing secrets at rest (32+ characters). Unset, the token secret is used — set it
   * in production, so AUTH_TOKEN_SECRET can be rotated without making the sealed secrets unreadable.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  @MaxLength(512)
  WEBHOOK_SECRET_KEY?: string;

  /** Allow webhook URLs on private, loopback or link-local addresses (development and tests only). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /** Secret for signing access tokens. Must be set (32+ characters) in production. */
  @IsString()
  @MinLength(32)
  @MaxLength(512)
  AUTH_TOKEN_SECRET = 'development-only-secret-change-me-0123456789';

  /** Lifetime of an access token. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /**
   * How long the API keeps what a session's access looks like (the session, the person, the
   * membership and organisation), so that requests do not ask the database each time. Every change
   * to those rows evicts it at once in every API process (PostgreSQL notifications); this is only
   * the longest any entry lives. 0 asks the database on every request.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300_000)
  ACCESS_CACHE_TTL_MS = 60_000;

  /** A session (refresh-token family) ends this many days after sign-in. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_TTL_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_EMAIL = 10;

  /** Failed sign-ins for one email from all addresses together (guessing from many addresses). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_EMAIL_ANYWHERE = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_MINUTES = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  INVITATION_TTL_DAYS = 7;

  /**
   * Who may sign up with a FUNDER organisation: `open` (anyone; money decisions wait until the
   * email address is verified) or `invite` (platform operators create funders with
   * `platform-admin create-funder`). Default: `invite` in production, `open` otherwise.
   */
  @IsOptional()
  @IsIn(SIGNUP_FUNDERS_POLICIES)
  SIGNUP_FUNDERS: SignupFundersPolicy | undefined = undefined;

  /** Hours an email-verification link works. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  EMAIL_VERIFICATION_TTL_HOURS = 48;

  /** Minutes a password-reset link works. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /** Password-reset requests per address, and per IP, within an hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_EMAIL = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_ADDRESS = 30;

  /** Root operations per minute from one address (IP). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_ADDRESS = 600;

  /** Root operations per minute by one organisation's people, or by one API key. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_TENANT = 1200;

  /** signUp calls per hour from one address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGNUPS_PER_ADDRESS = 10;

  /** logIn calls per 10 minutes from one address (failed ones also count per email and address). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGINS_PER_ADDRESS = 60;

  /** requestPasswordReset calls per hour from one address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESETS_PER_ADDRESS = 20;

  /** requestReport calls per hour by one organisation or API key. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REPORTS_PER_TENANT = 30;

  /** Let the queue dashboard retry, promote, clean and remove jobs (read-only otherwise). */
  @Transform(toBoolean)
  @IsBoolean()
  QUEUE_DASHBOARD_ACTIONS = false;

  /**
   * Bearer token that Prometheus sends to scrape `GET /metrics` (API) and the worker's metrics
   * listener. Unset: `/metrics` answers 404 on the API, and the worker's listener serves only
   * its health check.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string = undefined;

  /**
   * The worker's small HTTP listener: `GET /metrics` (with METRICS_TOKEN) and `GET /health`
   * (200 while the worker's heartbeat is fresh, else 503; docker-compose's health check).
   * 0 picks a free port.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HTTP_PORT = 9464;

  /** Address the worker's listener binds to (`0.0.0.0` in a container, so Prometheus reaches it). */
  @IsString()
  @MinLength(1)
  WORKER_HTTP_HOST = '127.0.0.1';

  /**
   * OpenTelemetry traces: `true` turns tracing off altogether (no trace ids in logs, no spans).
   * Otherwise every request and job runs in a trace whose ids are logged; spans are exported
   * only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
   */
  @Transform(toBoolean)
  @IsBoolean()
  OTEL_SDK_DISABLED = false;

  /** OTLP/HTTP collector to export spans to, e.g. `http://jaeger:4318` (unset: not exported). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  /** `service.name` of exported spans; `meilenstein-api` / `meilenstein-worker` by default. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must be 1-64 letters, digits or ._-' })
  OTEL_SERVICE_NAME?: string = undefined;

  /** Where people open links from emails (invitations, reviews). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_APP_URL = 'http://localhost:3000';
}

/**
 * Validates raw variables (usually `process.env`) into an Environment. Throws one Error whose
 * message names every bad variable and what is wrong with it.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // Unset and empty variables fall back to their defaults.
    if (known.includes(key) && value !== undefined && value !== '') input[key] = value;
  }
  const env = plainToInstance(Environment, input, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true, forbidUnknownValues: true });
  const problems = errors.map(
    (e) =>
      `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(e.value)})`,
  );
  if (
    env.NODE_ENV === 'production' &&
    env.AUTH_TOKEN_SECRET === new Environment().AUTH_TOKEN_SECRET
  ) {
    problems.push('AUTH_TOKEN_SECRET: must be set to a secret of its own in production');
  }
  env.SIGNUP_FUNDERS ??= env.NODE_ENV === 'production' ? 'invite' : 'open';
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}
