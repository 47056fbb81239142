import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../identity/entities/organization.entity';
import { WebhookDeliveryStatus, WebhookEndpointStatus, WebhookEventType } from './webhook.enums';
import { Node } from '../core/graphql/node.interface';

@ObjectType({
  implements: () => [Node],
  description: "A URL of an organisation's own system that receives signed events.",
})
@Entity('webhook_endpoint')
@Index(['organizationId'])
export class WebhookEndpoint {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field({ description: 'Where events are POSTed.' })
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Field({ description: 'What it is for.' })
  @Column({ type: 'varchar', length: 300, default: '' })
  description!: string;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  @Column({ type: 'varchar', array: true, length: 40 })
  eventTypes!: WebhookEventType[];

  /** The signing secret, sealed (see secret-box.ts); shown once at creation. */
  @Column({ type: 'text' })
  secretSealed!: string;

  @Field(() => WebhookEndpointStatus, { description: 'Enabled or disabled.' })
  @Column({ type: 'varchar', length: 16, default: WebhookEndpointStatus.ENABLED })
  status!: WebhookEndpointStatus;

  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  disabledReason!: string | null;

  @Field(() => Int, { description: 'Failed attempts in a row (reset by a success).' })
  @Column({ type: 'int', default: 0 })
  consecutiveFailures!: number;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'One event sent (or to be sent) to one endpoint, with its attempts.' })
@Entity('webhook_delivery')
@Unique(['endpointId', 'eventId'])
@Index(['endpointId', 'createdAt'])
export class WebhookDelivery {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  endpointId!: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  endpoint?: WebhookEndpoint;

  @Field(() => ID, {
    description: 'The event (the same in every attempt; receivers dedupe on it).',
  })
  @Column({ type: 'uuid' })
  eventId!: string;

  @Field(() => WebhookEventType, { description: 'The event type.' })
  @Column({ type: 'varchar', length: 40 })
  eventType!: WebhookEventType;

  /** The exact JSON body sent. */
  @Column({ type: 'text' })
  body!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Pending, succeeded, failed or cancelled.' })
  @Column({ type: 'varchar', length: 16, default: WebhookDeliveryStatus.PENDING })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts so far.' })
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt.' })
  @Column({ type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Error of the last attempt, if any.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Field(() => Int, { nullable: true, description: 'Duration of the last attempt in ms.' })
  @Column({ type: 'int', nullable: true })
  lastDurationMs!: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was last tried.' })
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it succeeded.' })
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Field({ description: 'When the event happened.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A published event waiting for its fan-out, written in the transaction of the change it reports.
 * The fan-out job carries only its id (no tenant text in the queue) and deletes the row once the
 * deliveries are recorded.
 */
@Entity('webhook_event')
export class WebhookEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: WebhookEventType;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  /** The organisations whose endpoints receive it (funder and grantee). */
  @Column({ type: 'uuid', array: true })
  organizationIds!: string[];

  @Column({ type: 'jsonb' })
  data!: object;
}
