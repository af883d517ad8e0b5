import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import type { User } from '../api-types.ts';

export function Login({ onLogin }: { onLogin: (user: User) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <main class="login">
      <h1>Tokushu back office</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setBusy(true);
          setError('');
          api
            .login(String(data.get('email')), String(data.get('password')))
            .then(onLogin, (e: unknown) =>
              setError(e instanceof ApiError ? e.problem.detail : 'Could not sign in.'),
            )
            .finally(() => setBusy(false));
        }}
      >
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
