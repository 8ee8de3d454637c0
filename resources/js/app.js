// Progressive enhancement only: every page works without JavaScript.
// Close the mobile menu with Escape and return focus to its toggle.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return
  const menu = document.querySelector('details.menu[open]')
  if (!menu) return
  menu.removeAttribute('open')
  menu.querySelector('summary')?.focus()
})
