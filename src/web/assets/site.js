// Progressive enhancements for public pages; every page works without this file.

// A reader starting a song counts as a play: one small beacon, no cookie, no third party.
function sendPlay(song) {
  // Editors previewing a draft are not readers.
  if (!song || !navigator.sendBeacon || document.querySelector('.preview-notice')) return;
  const feature = document.querySelector('article[data-feature]')?.getAttribute('data-feature');
  const locale = document.documentElement.getAttribute('data-locale') ?? 'en';
  navigator.sendBeacon(
    '/api/v1/plays',
    JSON.stringify(feature ? { song, feature, locale } : { song, locale }),
  );
}
document.addEventListener('click', (event) => {
  const started = event.target instanceof Element ? event.target.closest('[data-play-song]') : null;
  if (started) sendPlay(started.getAttribute('data-play-song'));
});

// YouTube facade: swap the thumbnail for the player only when the reader asks.
document.addEventListener('click', (event) => {
  const facade = event.target instanceof Element ? event.target.closest('.play-facade') : null;
  const holder = facade?.closest('[data-youtube]');
  if (!facade || !holder) return;
  const id = holder.getAttribute('data-youtube');
  if (!id || !/^[A-Za-z0-9_-]{11}$/.test(id)) return;
  event.preventDefault();
  const frame = document.createElement('iframe');
  frame.src = `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`;
  frame.title = facade.getAttribute('aria-label') ?? 'YouTube';
  frame.allow = 'autoplay; encrypted-media; picture-in-picture';
  frame.allowFullscreen = true;
  holder.replaceChildren(frame);
  frame.focus();
});

// Spoilers stay hidden until tapped, clicked or activated from the keyboard.
function reveal(target) {
  const spoiler = target instanceof Element ? target.closest('[data-spoiler]') : null;
  if (!spoiler || spoiler.classList.contains('revealed')) return false;
  spoiler.classList.add('revealed');
  return true;
}
document.addEventListener('click', (event) => {
  if (reveal(event.target)) event.preventDefault();
});
document.addEventListener('keydown', (event) => {
  if ((event.key === 'Enter' || event.key === ' ') && reveal(event.target)) event.preventDefault();
});

// Play the whole feature in order: one embedded player with the rest of the page's videos
// queued behind the first, so it keeps going without the YouTube script API.
const playAll = document.querySelector('[data-play-all]');
if (playAll) {
  playAll.hidden = false;
  playAll.addEventListener('click', () => {
    const ids = [...document.querySelectorAll('[data-youtube-id]')]
      .map((el) => el.getAttribute('data-youtube-id'))
      .filter((id) => id && /^[A-Za-z0-9_-]{11}$/.test(id));
    if (ids.length === 0) return;
    let holder = document.querySelector('.now-playing');
    if (!holder) {
      holder = document.createElement('div');
      holder.className = 'now-playing';
      playAll.closest('.feature-tools')?.after(holder);
    }
    const [first, ...rest] = ids;
    const firstEntry = [...document.querySelectorAll('[data-youtube-id]')].find(
      (el) => el.getAttribute('data-youtube-id') === first,
    );
    sendPlay(firstEntry?.querySelector('[data-play-song]')?.getAttribute('data-play-song'));
    const frame = document.createElement('iframe');
    frame.src = `https://www.youtube-nocookie.com/embed/${first}?autoplay=1${rest.length ? `&playlist=${rest.join(',')}` : ''}`;
    frame.title = playAll.textContent?.trim() ?? 'YouTube';
    frame.allow = 'autoplay; encrypted-media; picture-in-picture';
    frame.allowFullscreen = true;
    holder.replaceChildren(frame);
  });
}

// Suggestions under the header search box as the reader types (a combobox over a listbox).
// Without this script the box is a plain form that opens the search page.
const suggestForm = document.querySelector('form[data-suggest-locale]');
const suggestInput = suggestForm?.querySelector('input[name="q"]');
if (suggestForm && suggestInput) {
  const locale = suggestForm.getAttribute('data-suggest-locale');
  const list = document.createElement('ul');
  list.id = 'site-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  suggestForm.append(list);
  suggestInput.setAttribute('role', 'combobox');
  suggestInput.setAttribute('aria-autocomplete', 'list');
  suggestInput.setAttribute('aria-controls', list.id);
  suggestInput.setAttribute('aria-expanded', 'false');

  const hrefFor = (s) => {
    const base = `/${locale}`;
    const section = { song: 'songs', artist: 'artists', work: 'works', tag: 'tags' }[s.type];
    return section ? `${base}/${section}/${s.slug}` : `${base}/${s.slug}`;
  };
  let active = -1;
  let timer;
  let asked = '';
  const options = () => [...list.querySelectorAll('[role="option"]')];
  const close = () => {
    list.hidden = true;
    active = -1;
    suggestInput.setAttribute('aria-expanded', 'false');
    suggestInput.removeAttribute('aria-activedescendant');
  };
  const highlight = (index) => {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
    suggestInput.setAttribute('aria-activedescendant', all[active].id);
  };
  const show = (suggestions) => {
    list.replaceChildren(
      ...suggestions.map((s, i) => {
        const item = document.createElement('li');
        item.id = `suggestion-${i}`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        const link = document.createElement('a');
        link.href = hrefFor(s);
        link.tabIndex = -1;
        const label = document.createElement('span');
        label.lang = s.lang;
        label.textContent = s.label;
        const detail = document.createElement('span');
        detail.className = 'suggestion-detail';
        detail.textContent = s.detail;
        link.append(label, ' ', detail);
        item.append(link);
        return item;
      }),
    );
    list.hidden = suggestions.length === 0;
    suggestInput.setAttribute('aria-expanded', String(!list.hidden));
    active = -1;
  };
  suggestInput.addEventListener('input', () => {
    clearTimeout(timer);
    const q = suggestInput.value.trim();
    if (!q) return close();
    timer = setTimeout(async () => {
      asked = q;
      try {
        const res = await fetch(`/api/v1/suggest?q=${encodeURIComponent(q)}&locale=${locale}`);
        if (!res.ok || asked !== q) return;
        show((await res.json()).suggestions);
      } catch {
        close();
      }
    }, 120);
  });
  suggestInput.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      window.location.href = options()[active].querySelector('a').href;
    }
  });
  suggestInput.addEventListener('blur', () => setTimeout(close, 150));
}
