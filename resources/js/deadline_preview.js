// Deadline keyword → date, at once: the server renders the date each keyword
// gives today (data-keyword-dates, by the tenant's calendar and rules), so the
// page only looks it up. The date field shows only for "a specific date".
// Without JavaScript both stay visible and the server resolves the keyword.
for (const picker of document.querySelectorAll('[data-deadline-picker]')) {
  const dates = JSON.parse(picker.dataset.keywordDates || '{}')
  const template = picker.dataset.previewTemplate || '{date}'
  const select = picker.querySelector('select[name="deadlineKeyword"]')
  const preview = picker.querySelector('[data-deadline-preview]')
  const dateField = picker.querySelector('[data-deadline-date]')
  if (!select || !preview || !dateField) continue
  const sync = () => {
    const date = dates[select.value]
    preview.textContent = date ? template.replace('{date}', date) : ''
    preview.hidden = !date
    const specific = select.value === 'date'
    dateField.hidden = !specific
    const input = dateField.querySelector('input')
    if (input) input.disabled = !specific
  }
  select.addEventListener('change', sync)
  sync()
}
