import { displayLabel, type TagRef } from '#src/catalog/index.ts';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

/** Tags grouped by kind (mood, scene, genre …), each a link to its page. */
export function TagCloud({ tags, ctx }: { tags: TagRef[]; ctx: PageContext }) {
  const { locale, t } = ctx;
  const kinds = [...new Set(tags.map((tag) => tag.kind))];
  return (
    <dl class="tag-cloud">
      {kinds.map((kind) => (
        <>
          <dt>{t.tagKind(kind)}</dt>
          <dd>
            <ul class="chip-list">
              {tags
                .filter((tag) => tag.kind === kind)
                .map((tag) => {
                  const label = displayLabel(tag.labels, locale);
                  return (
                    <li>
                      <a class="chip" href={paths.tag(locale, tag.slug)} lang={label.lang}>
                        {label.text}
                      </a>
                    </li>
                  );
                })}
            </ul>
          </dd>
        </>
      ))}
    </dl>
  );
}
