import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '#tests/factories/databases.ts';
import { createAccountsService, type AccountsService } from './accounts.service.ts';

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let database: TestDatabase;
  let sut: AccountsService;

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    sut = createAccountsService({ db: database.db, clock: fixedClock('2026-11-26T00:00:00Z') });
  });
  afterEach(() => database.drop());

  it('creates the first admin once, with a generated password stored as an argon2id hash', async () => {
    const admin = await sut.ensureAdmin('Admin@Example.org', undefined);
    expect(admin?.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await sut.ensureAdmin('other@example.org', undefined)).toBeNull();
    const row = await database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'admin@example.org', role: 'admin' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await sut.verifyPassword('admin@example.org', admin?.password ?? '')).toBe(true);
    expect(await sut.verifyPassword('admin@example.org', 'wrong password!')).toBe(false);
  });

  it('never echoes a configured password', async () => {
    expect(await sut.ensureAdmin('admin@example.org', 'a configured secret')).toEqual({
      email: 'admin@example.org',
      password: null,
    });
    expect(await sut.verifyPassword('admin@example.org', 'a configured secret')).toBe(true);
  });

  it('names the field at fault', async () => {
    const error = await sut
      .addUser({ email: 'not-an-email', displayName: ' ', password: 'short', role: 'editor' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.field)).toEqual([
      'email',
      'displayName',
      'password',
    ]);
  });

  it('refuses a second account for the same address', async () => {
    const user = {
      email: 'w@example.org',
      displayName: 'Writer',
      password: 'long enough password',
      role: 'writer' as const,
    };
    await sut.addUser(user);
    await expect(sut.addUser({ ...user, email: 'W@example.org' })).rejects.toThrow(
      'already has an account',
    );
  });
});
