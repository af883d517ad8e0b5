import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { RECORD_KINDS, type RecordKind, type User } from './api-types.ts';
import { FeatureEditor } from './pages/feature-editor.tsx';
import { FeatureHistory } from './pages/feature-history.tsx';
import { FeatureList } from './pages/feature-list.tsx';
import { CatalogList } from './pages/catalog-list.tsx';
import { CatalogRecord } from './pages/catalog-record.tsx';
import { Login } from './pages/login.tsx';
import './styles.css';

/** `#/features/slug` → ['features', 'slug']: the back office routes in the hash. */
function useRoute(): string[] {
  const read = () =>
    (window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

function catalogPage(kind: string | undefined, slug: string | undefined, user: User) {
  const known = RECORD_KINDS.find((k) => k === kind) ?? 'songs';
  if (!slug) return <CatalogList kind={known} />;
  return (
    <CatalogRecord
      key={`${known}/${slug}`}
      kind={known as RecordKind}
      slug={slug === 'new' ? null : slug}
      user={user}
    />
  );
}

function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    void api.me().then(setUser);
  }, []);

  if (user === undefined) return <p class="loading">Loading…</p>;
  if (user === null) return <Login onLogin={setUser} />;

  const [section, slug, sub] = route;
  return (
    <>
      <header class="bar">
        <a href="#/" class="brand">
          Tokushu · back office
        </a>
        <nav class="sections" aria-label="Sections">
          <a href="#/" aria-current={section !== 'catalog' ? 'page' : undefined}>
            Features
          </a>
          <a href="#/catalog/songs" aria-current={section === 'catalog' ? 'page' : undefined}>
            Catalog
          </a>
        </nav>
        <span class="who">
          {user.displayName} ({user.role}){' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              void api.logout().then(() => setUser(null));
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main>
        {section === 'catalog' ? (
          catalogPage(slug, sub, user)
        ) : section === 'features' && slug && sub === 'history' ? (
          <FeatureHistory slug={slug} />
        ) : section === 'features' && slug ? (
          <FeatureEditor slug={slug} user={user} />
        ) : section === 'new' ? (
          <FeatureEditor slug={null} user={user} />
        ) : (
          <FeatureList />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
