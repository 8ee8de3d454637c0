// Voice orders: record with the microphone (MediaRecorder) into the form's
// own file input, so the form posts like any upload and keeps its CSRF
// token. Without MediaRecorder or a microphone the plain file input stays.

const MIME_PREFERENCES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm']
const EXTENSIONS = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a' }

function setUp(root) {
  const panel = root.querySelector('.voice-input__recorder')
  const start = root.querySelector('[data-voice-start]')
  const stop = root.querySelector('[data-voice-stop]')
  const state = root.querySelector('[data-voice-state]')
  const preview = root.querySelector('[data-voice-preview]')
  const input = root.querySelector('[data-voice-file]')
  if (!window.MediaRecorder || !navigator.mediaDevices?.getUserMedia || typeof DataTransfer === 'undefined') return
  panel.hidden = false

  let recorder = null
  let startedAt = 0

  start.addEventListener('click', async () => {
    let stream
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true })
    } catch {
      state.textContent = state.dataset.deniedLabel
      return
    }
    const mimeType = MIME_PREFERENCES.find((type) => MediaRecorder.isTypeSupported(type))
    recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {})
    const chunks = []
    recorder.addEventListener('dataavailable', (event) => event.data.size && chunks.push(event.data))
    recorder.addEventListener('stop', () => {
      stream.getTracks().forEach((track) => track.stop())
      const type = (recorder.mimeType || mimeType || 'audio/webm').split(';')[0]
      const blob = new Blob(chunks, { type })
      const file = new File([blob], `voice-${new Date().toISOString().replace(/[:.]/g, '-')}.${EXTENSIONS[type] || 'webm'}`, { type })
      const transfer = new DataTransfer()
      transfer.items.add(file)
      input.files = transfer.files
      preview.src = URL.createObjectURL(blob)
      preview.hidden = false
      const seconds = Math.round((Date.now() - startedAt) / 1000)
      state.textContent = state.dataset.recordedLabel.replace('{seconds}', String(seconds))
      start.hidden = false
      stop.hidden = true
      start.focus()
    })
    recorder.start(1000)
    startedAt = Date.now()
    state.textContent = state.dataset.recordingLabel
    start.hidden = true
    stop.hidden = false
    stop.focus()
  })

  stop.addEventListener('click', () => recorder?.state === 'recording' && recorder.stop())
}

document.querySelectorAll('[data-voice-recorder]').forEach(setUp)

// While a transcription is pending, refresh the voice section quietly
// (never while someone is typing in it).
let section = document.getElementById('voice')
if (section?.dataset.voicePending === 'true') {
  const timer = setInterval(async () => {
    if (section.contains(document.activeElement) && document.activeElement.matches('textarea, input')) return
    const response = await fetch(location.href, { headers: { accept: 'text/html' } }).catch(() => null)
    if (!response?.ok) return
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('voice')
    if (!fresh) return
    section.replaceWith(fresh)
    section = fresh
    if (fresh.dataset.voicePending !== 'true') clearInterval(timer)
    fresh.querySelectorAll('[data-voice-recorder]').forEach(setUp)
  }, 8000)
}
