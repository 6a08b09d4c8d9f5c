import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.ts';
import * as settings from './002-settings-and-feedback.ts';
import * as invites from './003-agent-invites.ts';
import * as delivery from './004-delivery-and-page-history.ts';
import * as passwordChange from './005-password-change-required.ts';
import * as systemEvents from './006-system-message-events.ts';
import * as startOnce from './007-conversation-start-once.ts';
import * as reportFacts from './008-report-facts.ts';
import * as reportSessions from './008-report-sessions.ts';
import * as searchLearning from './009-search-learning.ts';
import * as reportCovering from './010-report-covering.ts';
import * as reportFirstMessage from './010-report-first-message.ts';
import * as reportBusinessHours from './011-report-business-hours.ts';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Migrations in order; bundled statically so no file-system scanning happens at start. Numbers follow landing
 * order: a database refuses a migration named before one it has already run.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const wrap = (m: { up: (db: Kysely<unknown>, d: Dialect) => Promise<void> }): Migration => ({
    up: (db) => m.up(db, dialect),
  });
  return {
    getMigrations: async () => ({
      '001-initial': wrap(initial),
      '002-settings-and-feedback': wrap(settings),
      '003-agent-invites': wrap(invites),
      '004-delivery-and-page-history': wrap(delivery),
      '005-password-change-required': wrap(passwordChange),
      '006-system-message-events': wrap(systemEvents),
      '007-conversation-start-once': wrap(startOnce),
      '008-report-facts': wrap(reportFacts),
      '008-report-sessions': wrap(reportSessions),
      '009-search-learning': wrap(searchLearning),
      '010-report-covering': wrap(reportCovering),
      '010-report-first-message': wrap(reportFirstMessage),
      '011-report-business-hours': wrap(reportBusinessHours),
    }),
  };
}
