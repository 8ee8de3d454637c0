import { test } from '@japa/runner'

test.group('Platform | health', () => {
  test('/health reports PostgreSQL, Redis and the queue on any host', async ({ client }) => {
    const response = await client.get('/health').header('host', '10.0.0.5')
    response.assertStatus(200)
    response.assertBodyContains({ ok: true, checks: { postgres: { ok: true }, redis: { ok: true }, queue: { ok: true } } })
  })

  test('/health/live answers without touching services', async ({ client }) => {
    const response = await client.get('/health/live').header('host', 'anything.example')
    response.assertStatus(200)
    response.assertBodyContains({ ok: true })
  })
})
