import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A money mutation's idempotency key (Stripe semantics); kept at least 24 hours. */
@Entity('idempotency_key')
export class IdempotencyKey {
  /** `<organizationId>:<operation>:<client key>`. */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  scopedKey!: string;

  /** SHA-256 of the request parameters. */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  /** What the first request answered (an id of the result). */
  @Column({ type: 'jsonb', nullable: true })
  response!: { id: string } | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
