import type {
  CategorySummary,
  EditorListItem,
  EditorView,
  FeatureDocument,
  NameWarning,
  Revision,
  RevisionSummary,
  Problem,
  Proposal,
  RecordKind,
  RecordSummary,
  RecordTypes,
  RecordView,
  Suggestion,
  User,
} from './api-types.ts';

/** An API answer that was not a success, with the problem document the server sent. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

let csrfToken = '';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const problem = data as Partial<Problem>;
    throw new ApiError({
      status: response.status,
      title: problem.title ?? 'Error',
      detail: problem.detail ?? response.statusText,
      ...problem,
    } as Problem);
  }
  return data as T;
}

export const api = {
  async me(): Promise<User | null> {
    try {
      const { user, csrfToken: token } = await request<{ user: User; csrfToken: string }>(
        'GET',
        '/auth/me',
      );
      csrfToken = token;
      return user;
    } catch {
      return null;
    }
  },
  async login(email: string, password: string): Promise<User> {
    const { user, csrfToken: token } = await request<{ user: User; csrfToken: string }>(
      'POST',
      '/auth/login',
      { email, password },
    );
    csrfToken = token;
    return user;
  },
  logout: () => request<void>('POST', '/auth/logout'),
  features: () => request<EditorListItem[]>('GET', '/editor/features'),
  feature: (slug: string) => request<EditorView>('GET', `/editor/features/${slug}`),
  create: (document: FeatureDocument) => request<EditorView>('POST', '/editor/features', document),
  save: (slug: string, baseRevision: number, document: FeatureDocument) =>
    request<EditorView>('PUT', `/editor/features/${slug}`, { baseRevision, document }),
  publish: (slug: string, at?: string) =>
    request<EditorView>('POST', `/editor/features/${slug}/publish`, at ? { at } : {}),
  unpublish: (slug: string) =>
    request<EditorView>('POST', `/editor/features/${slug}/unpublish`, {}),
  revisions: (slug: string) =>
    request<RevisionSummary[]>('GET', `/editor/features/${slug}/revisions`),
  revision: (slug: string, n: number) =>
    request<Revision>('GET', `/editor/features/${slug}/revisions/${n}`),
  restore: (slug: string, n: number, baseRevision: number) =>
    request<EditorView>('POST', `/editor/features/${slug}/revisions/${n}/restore`, {
      baseRevision,
    }),
  nameCheck: (document: FeatureDocument) =>
    request<{ warnings: NameWarning[] }>('POST', '/editor/name-check', document),
  songSuggestions: (q: string) =>
    request<{ suggestions: Suggestion[] }>(
      'GET',
      `/suggest?q=${encodeURIComponent(q)}&locale=en&type=song`,
    ),
  categories: () => request<CategorySummary[]>('GET', '/categories?locale=en'),
  records: (kind: RecordKind, q = '', limit = 50) =>
    request<RecordSummary[]>('GET', `/editor/${kind}?q=${encodeURIComponent(q)}&limit=${limit}`),
  record: <K extends RecordKind>(kind: K, slug: string) =>
    request<RecordView<K>>('GET', `/editor/${kind}/${slug}`),
  createRecord: <K extends RecordKind>(kind: K, record: RecordTypes[K]) =>
    request<RecordView<K>>('POST', `/editor/${kind}`, { record }),
  updateRecord: <K extends RecordKind>(
    kind: K,
    slug: string,
    baseVersion: string | null,
    record: RecordTypes[K],
  ) => request<RecordView<K>>('PUT', `/editor/${kind}/${slug}`, { baseVersion, record }),
  mergeRecord: (kind: RecordKind, slug: string, into: string) =>
    request<{ merged: string; into: string; featuresChanged: number }>(
      'POST',
      `/editor/${kind}/${slug}/merge`,
      { into },
    ),
  propose: (theme: { tags: string[]; words: string; exclude: string[] }) =>
    request<{ candidates: Proposal[] }>('POST', '/editor/assistant', theme),
  preview: (markdown: string) => request<{ html: string }>('POST', '/editor/preview', { markdown }),
};
