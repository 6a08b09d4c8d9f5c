import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../server/domain/errors.ts';
import { createLogger } from '../../server/lib/logger.ts';
import { StorageStatus, storageFault } from '../../server/storage/faults.ts';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

function logged() {
  const lines: Array<{ msg: string }> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('storage faults', () => {
  it('tells a database that is away or full from an ordinary error', () => {
    expect(storageFault(coded('57P01', 'terminating connection due to administrator command'))).toBe('down');
    expect(storageFault(coded('57P03', 'the database system is starting up'))).toBe('down');
    expect(storageFault(coded('ECONNREFUSED'))).toBe('down');
    expect(storageFault(new Error('Connection terminated unexpectedly'))).toBe('down');
    expect(storageFault(new AggregateError([coded('ECONNREFUSED')], ''))).toBe('down');
    expect(storageFault(coded('SQLITE_FULL', 'database or disk is full'))).toBe('full');
    expect(storageFault(coded('53100', 'could not extend file'))).toBe('full');
    expect(storageFault(coded('23505', 'duplicate key value violates unique constraint'))).toBeUndefined();
    expect(storageFault(coded('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(storageFault('not an error')).toBeUndefined();
  });

  it('answers unavailable / storage_full, logs the cause once per outage and the return once', async () => {
    const { lines, logger } = logged();
    const status = new StorageStatus();
    status.attach(logger);
    const first = status.fault(coded('57P01', 'terminating connection due to administrator command'));
    expect(first).toBeInstanceOf(DomainError);
    expect((first as DomainError).code).toBe('unavailable');
    status.fault(coded('ECONNREFUSED'));
    status.fault(coded('ECONNREFUSED'));
    expect(status.state).toBe('down');
    status.ok(false);
    expect(status.state).toBe('up');
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/database is unreachable/),
      'the database is back',
    ]);
    const ordinary = coded('23505');
    expect(status.fault(ordinary)).toBe(ordinary);
    expect(status.state).toBe('up');
  });

  it('keeps a full disk full until writes have gone through for a while, so a nearly full disk logs once', () => {
    const { lines, logger } = logged();
    const status = new StorageStatus();
    status.attach(logger);
    expect((status.fault(coded('SQLITE_FULL', 'database or disk is full')) as DomainError).code).toBe(
      'storage_full',
    );
    status.ok(false); // a read proves nothing
    status.ok(true); // a write that squeezed in
    status.fault(coded('SQLITE_FULL', 'database or disk is full'));
    expect(status.state).toBe('full');
    expect(lines.filter((l) => /disk under the database is full/.test(l.msg))).toHaveLength(1);
  });
});
