import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };

describe.each(DIALECTS)('signing in on %s', (dialect) => {
  const { app } = useTestApp(dialect);
  const http = () => app().http;

  async function login(body: { email: string; password: string }, address = '10.0.0.1') {
    return http().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: body,
      remoteAddress: address,
    });
  }

  function cookiesOf(res: Awaited<ReturnType<typeof login>>): string {
    return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  it('opens a session in an httpOnly, SameSite=Lax cookie and returns a CSRF token', async () => {
    const res = await login(ADMIN);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'tokushu_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.json()).toMatchObject({
      user: { email: ADMIN.email, role: 'admin' },
      csrfToken: expect.any(String),
    });
    const me = await http().inject({ url: '/api/v1/auth/me', headers: { cookie: cookiesOf(res) } });
    expect(me.json().user.email).toBe(ADMIN.email);
  });

  it('refuses a cookie-authenticated write without a valid CSRF token, and ends the session on logout', async () => {
    const res = await login(ADMIN);
    const cookie = cookiesOf(res);
    const without = await http().inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().detail).toMatch(/CSRF/);
    const forged = await http().inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    const ok = await http().inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
    });
    expect(ok.statusCode).toBe(204);
    const after = await http().inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('says the same thing for an unknown account and a wrong password', async () => {
    const wrong = await login({ email: ADMIN.email, password: 'not the password' }, '10.0.0.2');
    const unknown = await login(
      { email: 'nobody@example.org', password: 'whatever it is' },
      '10.0.0.3',
    );
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  async function addWriter(email: string) {
    await app().services.accounts.addUser({
      email,
      displayName: 'W',
      password: 'the right password',
      role: 'writer',
    });
  }

  it('counts an attempt before checking its password, so attempts sent together stay within the limit', async () => {
    const email = 'writer-race@example.org';
    await addWriter(email);
    const sent = [
      ...Array.from({ length: 39 }, () => ({ email, password: 'wrong password' })),
      { email, password: 'the right password' },
    ];
    const codes = (await Promise.all(sent.map((body) => login(body, '10.5.0.1')))).map(
      (r) => r.statusCode,
    );
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(35);
    expect(codes.at(-1)).toBe(429);
  });

  it('lets one address try only five times, also on one account', async () => {
    const email = 'writer-one-address@example.org';
    await addWriter(email);
    for (let i = 0; i < 5; i++)
      expect((await login({ email, password: `wrong ${i}` }, '10.6.0.1')).statusCode).toBe(401);
    const blocked = await login({ email, password: 'the right password' }, '10.6.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not let strangers failing from other addresses lock the owner out', async () => {
    const email = 'writer-owner@example.org';
    await addWriter(email);
    expect((await login({ email, password: 'the right password' }, '10.7.0.1')).statusCode).toBe(
      200,
    );
    // Five failures once locked the account everywhere; fifty from ten addresses now do not
    // lock the owner's address either.
    const codes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        login({ email, password: 'a stranger guessing' }, `10.7.1.${i % 12}`),
      ),
    );
    expect(codes.filter((r) => r.statusCode === 401).length).toBeGreaterThan(5);
    expect((await login({ email, password: 'the right password' }, '10.7.0.1')).statusCode).toBe(
      200,
    );
  }, 120_000);

  it('throttles guessing one account from many addresses, for addresses it has not seen', async () => {
    const email = 'writer-throttle@example.org';
    await addWriter(email);
    const codes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        login({ email, password: 'wrong password' }, `10.1.${i % 10}.1`),
      ),
    );
    expect(codes.map((r) => r.statusCode)).toEqual(Array.from({ length: 50 }, () => 401));
    const blocked = await login({ email, password: 'the right password' }, '10.1.99.1');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  }, 120_000);

  it('throttles repeated failures per address, across accounts', async () => {
    for (let i = 0; i < 5; i++) {
      await login({ email: `guess${i}@example.org`, password: 'wrong password' }, '10.2.0.1');
    }
    expect((await login(ADMIN, '10.2.0.1')).statusCode).toBe(429);
    expect((await login(ADMIN, '10.2.0.2')).statusCode).toBe(200);
  });

  it('accepts API tokens as Bearer credentials without a CSRF token, and rejects unknown ones', async () => {
    const token = await app().services.accounts.createToken(ADMIN.email, 'test');
    const me = await http().inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json().user.role).toBe('admin');
    const bad = await http().inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: 'Bearer tks_nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });

  it('names the field at fault in a malformed login', async () => {
    const res = await http().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['password']);
  });

  it('records sign-ins in the audit log', async () => {
    await login(ADMIN, '10.3.0.1');
    const log = await app().services.accounts.auditLog(50);
    expect(log.map((l) => l.action)).toContain('login');
  });

  it('previews Markdown for signed-in editors exactly as pages render it', async () => {
    const token = await app().services.accounts.createToken(ADMIN.email, 'preview');
    const res = await http().inject({
      method: 'POST',
      url: '/api/v1/editor/preview',
      headers: { authorization: `Bearer ${token}` },
      payload: { markdown: 'A *quiet* ||twist||. <script>x</script>' },
    });
    expect(res.json().html).toBe(
      '<p>A <em>quiet</em> <span class="spoiler" data-spoiler tabindex="0">twist</span>. &lt;script&gt;x&lt;/script&gt;</p>',
    );
    const anonymous = await http().inject({
      method: 'POST',
      url: '/api/v1/editor/preview',
      payload: { markdown: 'x' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
