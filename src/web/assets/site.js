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
  spoiler.removeAttribute('role');
  spoiler.removeAttribute('aria-label');
  return true;
}
document.addEventListener('click', (event) => {
  if (reveal(event.target)) event.preventDefault();
});
document.addEventListener('keydown', (event) => {
  if ((event.key === 'Enter' || event.key === ' ') && reveal(event.target)) event.preventDefault();
});
