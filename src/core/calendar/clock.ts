// The one place the code asks what time it is and which day "today" is. Injected, so tests set the
// time (`clock.set(...)`) instead of waiting for midnight in Berlin.
import { Global, Injectable, Module } from '@nestjs/common';
import { calendarDay, DEFAULT_TIME_ZONE } from './calendar-day';

@Injectable()
export class Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Today's calendar day in `timeZone` (a programme's zone; default Europe/Berlin). */
  today(timeZone: string = DEFAULT_TIME_ZONE): string {
    return calendarDay(this.now(), timeZone);
  }

  /** Tests: stop the clock at `instant`; `null` lets it run again. */
  set(instant: Date | string | null): void {
    this.fixed = instant === null ? null : new Date(instant);
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class CalendarModule {}
