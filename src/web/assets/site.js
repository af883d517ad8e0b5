// Progressive enhancements for public pages; every page works without this file.

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
    const frame = document.createElement('iframe');
    frame.src = `https://www.youtube-nocookie.com/embed/${first}?autoplay=1${rest.length ? `&playlist=${rest.join(',')}` : ''}`;
    frame.title = playAll.textContent?.trim() ?? 'YouTube';
    frame.allow = 'autoplay; encrypted-media; picture-in-picture';
    frame.allowFullscreen = true;
    holder.replaceChildren(frame);
  });
}
