import { test } from '@japa/runner'
import { axeViolations } from '#tests/helpers/axe'
import { photoWithExif } from '#tests/helpers/problems'
import { follow, publicationsPortal, smallPhoto, type PublicationsPortal } from '#tests/helpers/social_publications'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

let portal: PublicationsPortal
const origin = () => browserOrigin(portal.host)

test.group('Social | publications | browser | publish with photos, comment, reply, like', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('spub_browser')
  })

  test('Anna publishes with two photos; Boris, who follows her, finds it in his feed, likes and comments; Anna replies and keeps a gallery with a place on the map; the pages pass axe', async ({ browser, assert }) => {
    // axe is injected inline, which the pages' CSP rightly forbids: these contexts bypass CSP (as tests/browser/accessibility does)
    const annaContext = await browser.newContext({ bypassCSP: true })
    const anna = await annaContext.newPage()
    await signInAs(anna, portal.host, portal.anna.email)
    await anna.goto(`${origin()}/publications/new`)
    assert.deepEqual(await axeViolations(anna, '/publications/new'), [])
    await anna.getByLabel('Заголовок', { exact: true }).fill('Новая остановка у школы')
    await anna.getByLabel('Текст', { exact: true }).fill('Нужна **остановка** у школы № 5.\n\n- навес\n- скамейки\n\n<script>alert(1)</script>')
    await anna.getByLabel('Тема', { exact: true }).selectOption({ label: 'Транспорт' })
    await anna.getByLabel('Метки', { exact: true }).fill('остановки, школы')
    await anna.getByLabel('Фотографии', { exact: true }).setInputFiles([
      { name: 'stop.jpg', mimeType: 'image/jpeg', buffer: await photoWithExif(1600, 1200) },
      { name: 'school.png', mimeType: 'image/png', buffer: await smallPhoto() },
    ])
    await anna.getByRole('button', { name: 'Опубликовать' }).click()
    await anna.getByText('Публикация опубликована.').waitFor()
    const path = new URL(anna.url()).pathname
    assert.match(path, /^\/publications\/\d+$/)
    assert.equal(await anna.locator('.sp-photos img').count(), 2)
    assert.equal(await anna.locator('[data-body] strong').textContent(), 'остановка')
    assert.equal(await anna.locator('[data-body] script').count(), 0)
    assert.equal(await anna.locator('#share-url').inputValue(), `${origin()}${path}`)

    await follow(portal.tenant, portal.boris, 'user', portal.anna.id)
    const borisContext = await browser.newContext({ bypassCSP: true })
    const boris = await borisContext.newPage()
    await signInAs(boris, portal.host, portal.boris.email)
    await boris.goto(`${origin()}/feed`)
    assert.deepEqual(await axeViolations(boris, '/feed'), [])
    await boris.getByRole('link', { name: 'Новая остановка у школы' }).click()
    await boris.waitForURL(`**${path}`)
    await boris.getByRole('button', { name: 'Нравится' }).click()
    await boris.getByText('Отметка «нравится» поставлена.').waitFor()
    assert.equal(await boris.locator('[data-likes]').textContent(), '1 отметка «нравится»')
    await boris.getByLabel('Ваш комментарий').fill('Поддерживаю, дети ходят вдоль дороги.')
    await boris.getByRole('button', { name: 'Отправить', exact: true }).click()
    await boris.getByText('Комментарий добавлен.').waitFor()

    await anna.goto(`${origin()}${path}`)
    const borisComment = anna.locator('.sp-comment').filter({ hasText: 'Поддерживаю, дети ходят вдоль дороги.' })
    await borisComment.getByText('Ответить').click()
    await borisComment.getByLabel(/^Ответ пользователю/).fill('Спасибо! Отправлю в администрацию.')
    await borisComment.getByRole('button', { name: 'Отправить ответ' }).click()
    await anna.getByText('Комментарий добавлен.').waitFor()
    const reply = anna.locator('.sp-comments--replies .sp-comment').filter({ hasText: 'Спасибо! Отправлю в администрацию.' })
    assert.equal(await reply.count(), 1)
    await reply.getByRole('button', { name: 'За' }).click()
    await anna.getByText('Оценка учтена.').waitFor()
    assert.include(await anna.locator('.sp-comments--replies [data-score]').first().textContent(), 'за: 1')
    assert.deepEqual(await axeViolations(anna, path), [])

    for (const page of ['/publications', '/galleries', '/communities', '/galleries/new']) {
      await anna.goto(`${origin()}${page}`)
      assert.deepEqual(await axeViolations(anna, page), [])
    }
    // a gallery: an album, a photo with its place, the place on the map (Leaflet, no inline script)
    await anna.goto(`${origin()}/galleries/new`)
    await anna.getByLabel('Заголовок', { exact: true }).fill('Школа № 5 весной')
    await anna.getByRole('button', { name: 'Создать' }).click()
    await anna.getByText('Галерея создана. Добавьте фотографии.').waitFor()
    await anna.getByLabel('Фотографии', { exact: true }).setInputFiles([{ name: 'yard.png', mimeType: 'image/png', buffer: await smallPhoto('png', '#228833') }])
    await anna.getByLabel('Подпись', { exact: true }).fill('Школьный двор')
    await anna.getByLabel('Широта', { exact: true }).fill('45.035')
    await anna.getByLabel('Долгота', { exact: true }).fill('38.975')
    await anna.getByRole('button', { name: 'Загрузить' }).click()
    await anna.getByText('Фотографии добавлены.').waitFor()
    await anna.locator('[data-gallery-map].leaflet-container').waitFor()
    assert.equal(await anna.locator('[data-gallery-map] .leaflet-interactive').count(), 1)
    assert.deepEqual(await axeViolations(anna, new URL(anna.url()).pathname), [])

    // on a phone the publication reads without sideways scrolling
    await anna.setViewportSize({ width: 375, height: 740 })
    await anna.goto(`${origin()}${path}`)
    assert.isAtMost(Number(await anna.evaluate('document.documentElement.scrollWidth')), 375)
    await annaContext.close()
    await borisContext.close()
  })
})
