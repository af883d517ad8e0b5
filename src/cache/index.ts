export { dependenciesOf, HOME, listKey, type DependencyKey } from './dependencies.ts';
export {
  compressPage,
  createRenderCache,
  type CachedPage,
  type RenderCache,
  type RenderCacheOptions,
} from './render-cache.ts';
export {
  createCacheInvalidation,
  type CacheInvalidation,
  type Purgeable,
} from './cache-invalidation.ts';
export { affectedKeys } from './affected.repository.ts';
