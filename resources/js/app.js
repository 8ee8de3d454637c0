// Progressive enhancement only: every page works without JavaScript.
// Close the mobile menu with Escape and return focus to its toggle.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return
  const menu = document.querySelector('details.menu[open]')
  if (!menu) return
  menu.removeAttribute('open')
  menu.querySelector('summary')?.focus()
})

// On wide screens the menu is always open (the toggle is hidden by CSS).
const menu = document.querySelector('details.menu')
const wide = window.matchMedia('(min-width: 56rem)')
const syncMenu = () => {
  if (menu && wide.matches) menu.open = true
}
syncMenu()
wide.addEventListener('change', syncMenu)
